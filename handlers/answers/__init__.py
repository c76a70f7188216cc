"""One module per kind of answer; each builds a Reply from the store and the model file."""
