"""Scorers with the metrics each field uses, shared by bench/ scripts and the quality gate."""
