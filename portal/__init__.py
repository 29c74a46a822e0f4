"""Static site generator for the portal of Vietnam's plans to improve provincial governance (PAPI)."""
