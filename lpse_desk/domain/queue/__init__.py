"""Today's queue at the counter.

- ``rules``: numbers, priorities, outcomes, holds and the loket's state (each WIB day starts
  closed).
- ``view``: the read models the queue screen and the board show.
"""
