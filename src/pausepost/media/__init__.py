"""Photos and videos: read them safely, find what should not be posted, redact a copy.

Everything here imports its heavy libraries (NumPy, OpenCV, RapidOCR) lazily, so checking text
alone never pays for them.
"""
