"""minqing package."""
