"""Reading and judging the input: content/ (offices.yml, the write-ups) and site_config.yml.

collect finds the files; textfile and yamlpos read them with positions; schema is the typed shape
of every file; errors, body, registry, config and story judge them; validate runs it all and
hands typed, valid Story objects to the later stages. Nothing here writes anything.
"""
