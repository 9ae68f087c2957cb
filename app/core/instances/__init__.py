"""Instances (one WhatsApp number each): plans, phones, time zones, Priorizar atendimento."""
