"""Hand-made offer and careers pages in many languages and builder styles, each in two versions."""
