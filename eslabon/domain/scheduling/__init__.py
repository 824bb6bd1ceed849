"""B2B meeting timetables: EVENT.json in, an optimised, checked timetable out.

`parse_event` validates the input, `solve` builds the timetable on CP-SAT, `reoptimise`
repairs it on the day, and `check` verifies any timetable independently of the solver.
"""
