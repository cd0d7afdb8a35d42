"""The learned parts of the cooperation parser: features (pure), the model file (loaded once), training."""
