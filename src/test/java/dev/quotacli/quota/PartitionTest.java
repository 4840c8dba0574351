package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionTest {
  @Test
  void aPartitionComesFromAnArnOrARegion() {
    assertThat(Partition.ofArn("arn:aws-us-gov:iam::123456789012:role/r"))
        .contains(Partition.AWS_US_GOV);
    assertThat(Partition.ofArn("arn:aws-cn:organizations::1:account/o-x/1"))
        .contains(Partition.AWS_CN);
    assertThat(Partition.ofArn("arn:aws:iam::123456789012:role/r")).contains(Partition.AWS);
    assertThat(Partition.ofArn("arn:aws-iso:iam::1:role/r")).isEmpty();
    assertThat(Partition.ofArn("not-an-arn")).isEmpty();
    assertThat(Partition.of(new Region("us-gov-east-1"))).isEqualTo(Partition.AWS_US_GOV);
    assertThat(Partition.of(new Region("cn-north-1"))).isEqualTo(Partition.AWS_CN);
    assertThat(Partition.of(new Region("us-east-2"))).isEqualTo(Partition.AWS);
    assertThat(Partition.of(Region.GLOBAL)).isEqualTo(Partition.AWS);
  }

  @Test
  void globalAndUsEast1CallsGoToThePartitionsHomeRegion() {
    Region govWest = new Region("us-gov-west-1");
    assertThat(Partition.AWS_US_GOV.apiRegion(Region.GLOBAL)).isEqualTo(govWest);
    assertThat(Partition.AWS_US_GOV.apiRegion(Region.US_EAST_1)).isEqualTo(govWest);
    assertThat(Partition.AWS_US_GOV.apiRegion(new Region("us-gov-east-1")))
        .isEqualTo(new Region("us-gov-east-1"));
    assertThat(Partition.AWS_CN.apiRegion(Region.GLOBAL)).isEqualTo(new Region("cn-northwest-1"));
    assertThat(Partition.AWS.apiRegion(Region.GLOBAL)).isEqualTo(Region.US_EAST_1);
    assertThat(Partition.AWS.apiRegion(new Region("eu-west-1"))).isEqualTo(new Region("eu-west-1"));
  }
}
