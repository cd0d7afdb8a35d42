"""The read-only web view: event pages, feeds, CSV, a JSON API and one-click unsubscribe."""
