"""Thai as the site writes it: Buddhist Era dates (calendar), words as ICU cuts them (words), and
text helpers that keep Thai marks whole (text). Shared ground: it imports nothing else of ours."""
