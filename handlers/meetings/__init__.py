"""Meetings, agendas and paper deadlines: who may change them and what people can ask about them."""
