"""Reporters turn results into text for people or machines; they never decide what is wrong."""
