"""regla for Python: rule sets loaded, checked, compiled and evaluated.

    import regla
    rules = regla.load("rules/")
    for problem in rules.diagnostics:
        print(problem)                    # rules/juntos.regla:5:52: error[unknown-field]: ...
    evaluator = rules.compile(as_of="2026-11-01").evaluator()   # one per thread
    result = evaluator.evaluate(record)   # record: a dict or a JSON line
    result["decisions"]["juntos.eligible"], result["members"]["P-1"]["sis.subsidized"]

regla.pandas.decide(frame, compiled) decides a DataFrame of households; compiled.evaluate_range()
evaluates a part of a JSON Lines registry in place and regla.merge_summaries() adds the parts'
summaries up (cluster/dask_eval.py runs a registry on a Dask cluster with them).
"""
from ._regla import (Compiled, Diagnostic, Evaluator, EvaluatorBusy, RecordError, Rules,
                     RulesError, explanation_languages, load, merge_summaries, summary_text)

__all__ = ["Compiled", "Diagnostic", "Evaluator", "EvaluatorBusy", "RecordError", "Rules",
           "RulesError", "explanation_languages", "load", "merge_summaries", "summary_text"]
