"""A progress bar for long imports and exports, on a terminal only.

tqdm draws nothing when its stream is not a terminal (``disable=None``), so
a cron job's log or a pipe gets no control characters.
"""

from tqdm import tqdm


class Progress:
    """A callable ``(stage, done, total)`` that keeps one bar per stage."""

    def __init__(self, stream):
        self.stream = stream
        self.bar = None
        self.stage = None

    def __call__(self, stage, done, total):
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(
                total=total, desc=stage, unit=" rows", file=self.stream, disable=None
            )
        self.bar.update(done - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None
