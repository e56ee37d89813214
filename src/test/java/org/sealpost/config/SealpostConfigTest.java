package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SealpostConfigTest {

  @Test
  void aBuilderChangesOnlyThePartsItIsGiven() {
    SealpostConfig defaults = SealpostConfig.defaults();
    assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
    SealpostConfig changed = defaults.toBuilder().spool(new SpoolConfig(Path.of("/srv/spool"))).build();
    assertThat(changed.spool().directory()).isEqualTo(Path.of("/srv/spool"));
    assertThat(changed.toBuilder().spool(defaults.spool()).build()).isEqualTo(defaults);
  }
}
