"""From valid stories and photos to a published site.

urls owns every address; views are what templates read; cards, overview and plan decide every
page; charts, feeds, fonts and search make the other parts; render (the only module that knows
mkdocs and Material) turns the plan into HTML; assemble adds photos, fonts, feeds and the search
index; publish swaps the finished site in atomically.
"""


class BuildFailed(Exception):
    """The site could not be built; the previous output is untouched."""
