"""Mail: composing digests and operator alerts (pure), and sending them (SMTP or an outbox folder)."""
