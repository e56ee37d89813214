package org.sealpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class SinkDnsTest {

  private final SinkDns dns;

  SinkDnsTest() throws Exception {
    dns = new SinkDns(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "sink.bench.test",
        InetAddress.ofLiteral("127.0.0.98"));
  }

  private Message ask(String name, int type) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    return new Message(dns.answer(q.toWire()));
  }

  @Test
  void answersTheSinkNameWithTheSinkAddress() throws Exception {
    Message r = ask("sink.bench.test.", Type.A);
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getSection(Section.ANSWER)).singleElement()
        .satisfies(a -> assertThat(((ARecord) a).getAddress().getHostAddress()).isEqualTo("127.0.0.98"));
  }

  @Test
  void otherTypesOfTheNameAreEmptyAndOtherNamesDoNotExist() throws Exception {
    Message aaaa = ask("sink.bench.test.", Type.AAAA);
    assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
    assertThat(ask("other.bench.test.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }
}
