"""Pixel arrays in the one form the media detectors share."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

GrayImage = npt.NDArray[np.uint8]


def to_gray(image: Any) -> GrayImage:
    """RGB (the contract), grey, 1-, 2- or 4-channel, any numeric dtype -> contiguous uint8
    grey, as both the code reader and the face finder want (zxing-cpp would read a
    three-channel array as BGR)."""
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        if arr.dtype == np.bool_:
            arr = arr.astype(np.uint8) * 255
        elif np.issubdtype(arr.dtype, np.floating):
            finite = np.nan_to_num(arr.astype(np.float32))
            scale = 255.0 if finite.size and float(finite.max()) <= 1.0 else 1.0
            arr = np.clip(finite * scale, 0, 255).astype(np.uint8)
        elif arr.dtype == np.uint16:
            arr = (arr >> 8).astype(np.uint8)
        else:
            arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 3 and arr.shape[2] in (1, 2):
        arr = arr[:, :, 0]
    if arr.ndim == 2:
        return np.ascontiguousarray(arr)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4):
        raise ValueError(f"expected an (H, W), (H, W, 3) or (H, W, 4) image, got {arr.shape}")
    if arr.size == 0:
        return np.zeros(arr.shape[:2], np.uint8)  # cvtColor rejects empty arrays
    code = cv2.COLOR_RGB2GRAY if arr.shape[2] == 3 else cv2.COLOR_RGBA2GRAY
    return np.asarray(cv2.cvtColor(np.ascontiguousarray(arr), code), dtype=np.uint8)
