"""The Microsoft Teams channel. Every botbuilder import lives in this folder.

The Python Bot Framework SDK is archived and its successor needs Python 3.12+, so keeping it in one
folder makes the eventual move a local change.
"""
