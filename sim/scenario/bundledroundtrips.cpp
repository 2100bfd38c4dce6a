// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/bundledroundtrips.h"

#include <array>

namespace archsim {

namespace {

// Average ping round trips between AWS regions, in ms, from the inter-region table republished
// at https://acomputerscientistlearnsaws.blogspot.com/2017/04/aws-regions.html (measured in 2017);
// where the two directions differ, their mean, rounded to 1 ms.
constexpr std::array<BundledRoundTrip, 28> kRoundTrips{{
    {"us-east-1", "us-west-2", 88},           {"us-east-1", "eu-west-1", 81},
    {"us-east-1", "eu-central-1", 89},        {"us-east-1", "ap-northeast-1", 145},
    {"us-east-1", "ap-southeast-1", 217},     {"us-east-1", "ap-southeast-2", 230},
    {"us-east-1", "sa-east-1", 120},          {"us-west-2", "eu-west-1", 137},
    {"us-west-2", "eu-central-1", 160},       {"us-west-2", "ap-northeast-1", 89},
    {"us-west-2", "ap-southeast-1", 161},     {"us-west-2", "ap-southeast-2", 162},
    {"us-west-2", "sa-east-1", 183},          {"eu-west-1", "eu-central-1", 20},
    {"eu-west-1", "ap-northeast-1", 212},     {"eu-west-1", "ap-southeast-1", 239},
    {"eu-west-1", "ap-southeast-2", 310},     {"eu-west-1", "sa-east-1", 191},
    {"eu-central-1", "ap-northeast-1", 237},  {"eu-central-1", "ap-southeast-1", 326},
    {"eu-central-1", "ap-southeast-2", 323},  {"eu-central-1", "sa-east-1", 195},
    {"ap-northeast-1", "ap-southeast-1", 74}, {"ap-northeast-1", "ap-southeast-2", 104},
    {"ap-northeast-1", "sa-east-1", 257},     {"ap-southeast-1", "ap-southeast-2", 175},
    {"ap-southeast-1", "sa-east-1", 328},     {"ap-southeast-2", "sa-east-1", 323},
}};

}  // namespace

std::span<const BundledRoundTrip> bundledRoundTrips() {
    return kRoundTrips;
}

std::optional<double> bundledRoundTripMs(std::string_view a, std::string_view b) {
    if (a == b) return 0.0;
    for (const auto& trip : kRoundTrips)
        if ((trip.a == a && trip.b == b) || (trip.a == b && trip.b == a)) return trip.rttMs;
    return std::nullopt;
}

}  // namespace archsim
