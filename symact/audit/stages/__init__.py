"""The stages of an audit: each ``stage(ctx, report, opts)`` adds its checks to the report.  A stage imports
only the layers below it (:mod:`symact.audit.context`, :mod:`symact.audit.reference`, the targets and
backends), never :mod:`symact.audit.api`."""
