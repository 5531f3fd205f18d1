"""Nøgletal: the employment key-figures dashboard of Ballerup Kommune."""
