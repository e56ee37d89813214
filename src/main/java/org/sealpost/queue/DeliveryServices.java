package org.sealpost.queue;

import org.sealpost.delivery.Deliverer;
import org.sealpost.delivery.Router;

/**
 * What the queue runner drives: the router that says where each recipient goes, the deliverer that
 * makes one attempt per destination, and the reports that turn final and delayed outcomes into
 * DSNs.
 */
public record DeliveryServices(Router router, Deliverer deliverer, DeliveryReports reports) {}
