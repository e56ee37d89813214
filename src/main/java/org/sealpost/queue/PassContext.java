package org.sealpost.queue;

import java.time.InstantSource;
import java.util.function.BooleanSupplier;

/** What every {@link DeliveryPass} shares: the spool, the schedule, the limits, the services. */
record PassContext(
    Spool spool,
    RetrySchedule schedule,
    ConcurrencyLimits limits,
    DeliveryServices services,
    InstantSource clock,
    BooleanSupplier stopping) {}
