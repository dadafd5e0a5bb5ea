package io.teg.ledger;

/** The answer to one {@link Command}: an immutable value, delivered once through a {@link ResultSink}. */
public sealed interface Result permits Fill, Quote, Reject, Settled, Credited, Ticked, Accepted, Inspection {
}
