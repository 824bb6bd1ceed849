"""Business-meeting events: set-up, meeting requests, the optimised timetable, agendas and
the day itself (issue 6). The timetable engine is eslabon.domain.scheduling."""
