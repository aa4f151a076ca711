"""Runtime pieces every feature shares: transport, webhook, rate limits, pacing, chat order,
logs, metrics, health, memory."""
