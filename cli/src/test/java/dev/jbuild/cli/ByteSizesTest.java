package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
  @Test
  void format_sizes_useDecimalUnitsAsDockerDoes() {
    assertThat(ByteSizes.format(0)).isEqualTo("0B");
    assertThat(ByteSizes.format(999)).isEqualTo("999B");
    assertThat(ByteSizes.format(1500)).isEqualTo("1.5kB");
    assertThat(ByteSizes.format(3_400_000)).isEqualTo("3.4MB");
    assertThat(ByteSizes.format(27_100_000_000L)).isEqualTo("27.1GB");
  }

  @Test
  void parse_decimalAndBinaryUnits_giveBytes() {
    assertThat(ByteSizes.parse("512")).isEqualTo(512);
    assertThat(ByteSizes.parse("10GB")).isEqualTo(10_000_000_000L);
    assertThat(ByteSizes.parse("1.5 GiB")).isEqualTo(1_610_612_736L);
    assertThat(ByteSizes.parse("300m")).isEqualTo(300_000_000L);
    assertThat(ByteSizes.parse("2KiB")).isEqualTo(2048);
  }

  @Test
  void parse_notASize_isRejected() {
    assertThatThrownBy(() -> ByteSizes.parse("lots")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a size such as 512, 500MB or 10GiB, got \"lots\"");
    assertThatThrownBy(() -> ByteSizes.parse("-1GB")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteSizes.parse("99999999999TB")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }
}
