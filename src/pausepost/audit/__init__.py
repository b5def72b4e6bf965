"""History audit: read a platform's export and check every post in it (BRIEF §6)."""
