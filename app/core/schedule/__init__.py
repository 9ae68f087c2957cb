"""Agenda de funcionamento: the weekly agenda, opening hours and the automatic-message decision."""
