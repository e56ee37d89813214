package org.sealpost.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Domain;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

class DestinationDelivererTest {

  private final List<String> calls = new ArrayList<>();
  private final Recipient bob = Recipient.of(MailAddress.parse("bob@x.test"));

  private Deliverer recording(String name) {
    return (m, d, r) -> {
      calls.add(name + ":" + d.key());
      return r.stream()
          .map(x -> new RecipientOutcome(x, new DeliveryOutcome.Delivered(EnhancedStatus.of("2.0.0"), null, "ok", null)))
          .toList();
    };
  }

  private final OutboundMessage message =
      new OutboundMessage(
          new Envelope(QueueId.generate(Instant.EPOCH), Instant.EPOCH,
              new ClientInfo("127.0.0.1", 1, "c", "smtp", null, null), null, List.of(bob),
              BodyType.SEVEN_BIT, false, 0, null, Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED,
              VerificationFloor.NONE),
          new MessageContent() {
            @Override
            public InputStream open() {
              return new ByteArrayInputStream(new byte[0]);
            }

            @Override
            public long size() {
              return 0;
            }
          });

  @Test
  void eachKindOfDestinationGoesToItsDeliverer() {
    Deliverer d = new DestinationDeliverer(recording("local"), recording("remote"), m -> true);
    d.deliver(message, new Destination.Local("bob"), List.of(bob));
    d.deliver(message, new Destination.Remote(Domain.of("x.test")), List.of(bob));
    d.deliver(message, new Destination.SmartHost("relay.test", 25), List.of(bob));
    assertThat(calls).containsExactly("local:local", "remote:remote:x.test", "remote:relay:relay.test:25");
  }

  @Test
  void aMailboxRemovedFromTheConfigFailsWith511() {
    Deliverer d = new DestinationDeliverer(recording("local"), recording("remote"), m -> false);
    List<RecipientOutcome> out = d.deliver(message, new Destination.Local("gone"), List.of(bob));
    assertThat(out.getFirst().outcome()).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(out.getFirst().outcome().status()).hasToString("5.1.1");
    assertThat(calls).isEmpty();
  }
}
