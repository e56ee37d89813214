package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworkRangeTest {

  @Test
  void matchesInsideThePrefix() throws Exception {
    NetworkRange loopback = NetworkRange.parse("127.0.0.0/8");
    assertThat(loopback.contains(InetAddress.getByName("127.1.2.3"))).isTrue();
    assertThat(loopback.contains(InetAddress.getByName("128.0.0.1"))).isFalse();
    assertThat(loopback.contains(InetAddress.getByName("::1"))).isFalse();
    assertThat(NetworkRange.parse("10.1.0.0/15").contains(InetAddress.getByName("10.0.255.1"))).isTrue();
    assertThat(NetworkRange.parse("::1/128").contains(InetAddress.getByName("::1"))).isTrue();
  }

  @Test
  void refusesHostNamesAndBadPrefixes() {
    assertThatThrownBy(() -> NetworkRange.parse("localhost/8")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
  }
}
