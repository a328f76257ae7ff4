"""The learner file for ACCME's PARS: consenting learners' completions of one activity, with the
rows PARS would reject set apart with the reason."""
