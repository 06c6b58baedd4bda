"""How values and periods are written for people: 131772000000 元 -> 1317.72亿元."""

from __future__ import annotations

_SCALES = ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"))
_SCALED_UNITS = {"元", "美元", "欧元", "港元", "日元", "英镑", "人", "人次", "户", "平方米", "千克", "吨", "千瓦时"}


def format_value(value: float, unit: str) -> str:
    """A value in base units, written the way Chinese news writes it."""
    if unit in _SCALED_UNITS or (unit and len(unit) == 1 and unit not in ("%", "位", "年", "月", "天", "倍")):
        for scale, word in _SCALES:
            if abs(value) >= scale:
                return f"{_number(value / scale)}{word}{unit}"
    if unit == "位":
        return f"第{_number(value)}位"
    return f"{_number(value)}{unit}"


def format_resolution(resolution: float, unit: str) -> str:
    return format_value(resolution, unit)


def _number(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def format_percent(value: float) -> str:
    return f"{value:.1f}%" if abs(value) >= 0.1 else f"{value:.2g}%"
