"""Analysis of community files (README, CONTRIBUTING, code of conduct, security policy) as pure
functions over their text, so collectors stay thin and every heuristic is unit-testable."""
