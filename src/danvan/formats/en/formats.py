"""English pages keep the Vietnamese formats: one way to type and read."""

from danvan.formats.vi.formats import *  # noqa: F403
