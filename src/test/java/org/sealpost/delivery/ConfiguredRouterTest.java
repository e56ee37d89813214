package org.sealpost.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.config.LocalConfig;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Recipient;
import org.sealpost.policy.LocalMailboxes;

class ConfiguredRouterTest {

  private final LocalMailboxes local =
      new LocalMailboxes(new LocalConfig(List.of(Domain.of("ours.test")), List.of("bob"), "bob"));

  private static Recipient to(String address) {
    return Recipient.of(MailAddress.parse(address));
  }

  @Test
  void localDomainsGoToMailboxes() {
    ConfiguredRouter router = new ConfiguredRouter(local, null);
    assertThat(router.route(to("Bob@Ours.test"))).isEqualTo(new Destination.Local("bob"));
    assertThat(router.route(to("postmaster@ours.test"))).isEqualTo(new Destination.Local("bob"));
  }

  @Test
  void remoteDomainsGoToTheirMxOrTheSmartHost() {
    assertThat(new ConfiguredRouter(local, null).route(to("x@dest.test")))
        .isEqualTo(new Destination.Remote(Domain.of("dest.test")));
    Destination.SmartHost relay = new Destination.SmartHost("relay.test", 587);
    assertThat(new ConfiguredRouter(local, relay).route(to("x@dest.test"))).isEqualTo(relay);
    assertThat(new ConfiguredRouter(local, relay).route(to("bob@ours.test")))
        .isEqualTo(new Destination.Local("bob"));
  }
}
