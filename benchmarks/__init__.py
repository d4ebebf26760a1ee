"""Tools for measuring Samverkan at national scale: a seeded generator of synthetic projects."""
