"""Small pieces every wing uses: problems, the clock, text, strict JSON, safe file writes."""
