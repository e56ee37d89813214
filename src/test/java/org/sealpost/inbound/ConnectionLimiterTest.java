package org.sealpost.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.sealpost.inbound.ConnectionLimiter.Admission;

class ConnectionLimiterTest {

  @Test
  void capsPerAddressAndInTotal_SEC9() throws Exception {
    ConnectionLimiter limiter = new ConnectionLimiter(3, 2);
    InetAddress a = InetAddress.getByName("127.0.0.2");
    InetAddress b = InetAddress.getByName("127.0.0.3");
    assertThat(limiter.tryAcquire(a)).isEqualTo(Admission.ADMITTED);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Admission.ADMITTED);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Admission.TOO_MANY_FROM_ADDRESS);
    assertThat(limiter.tryAcquire(b)).isEqualTo(Admission.ADMITTED);
    assertThat(limiter.tryAcquire(b)).isEqualTo(Admission.TOO_MANY_TOTAL);
    limiter.release(a);
    assertThat(limiter.tryAcquire(b)).isEqualTo(Admission.ADMITTED);
    assertThat(limiter.active()).isEqualTo(3);
  }
}
