"""Readers of the platforms' own exports, each behind one interface (`base.Reader`)."""
