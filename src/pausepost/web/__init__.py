"""`pausepost serve`: the local web app (a page and a JSON API on 127.0.0.1)."""
