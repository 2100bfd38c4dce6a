// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A complete pricing table fixed inside the tests, so hand-computed expectations do not move when
// someone updates the shipped resources/pricing/default.json to newer prices.

namespace archsim::testing {

inline constexpr const char* kTestPricingJson = R"json({
    "schemaVersion": 1,
    "name": "test prices",
    "source": "fixed for the tests",
    "date": "2025-01-01",
    "currency": "USD",
    "lambda": {
        "source": "AWS Lambda pricing page",
        "date": "2025-01-01",
        "region": "us-east-1",
        "includedRequestsPerMonth": 1000000,
        "includedGbSecondsPerMonth": 400000,
        "architectures": {
            "arm": {"perMillionRequests": 0.2, "perGbSecond": 0.0000133334,
                    "provisionedPerGbSecond": 0.0000033334,
                    "provisionedDurationPerGbSecond": 0.0000077778},
            "x86": {"perMillionRequests": 0.2, "perGbSecond": 0.0000166667,
                    "provisionedPerGbSecond": 0.0000041667,
                    "provisionedDurationPerGbSecond": 0.0000097222}
        }
    },
    "apiGateway": {
        "source": "Amazon API Gateway pricing page",
        "date": "2025-01-01",
        "apis": {"http": {"perMillionRequests": 1.0}, "rest": {"perMillionRequests": 3.5}}
    },
    "workers": {
        "source": "Cloudflare Workers pricing page",
        "date": "2025-01-01",
        "monthlyFee": 5.0,
        "perMillionRequests": 0.3,
        "perMillionCpuMs": 0.02,
        "includedRequestsPerMonth": 10000000,
        "includedCpuMsPerMonth": 30000000
    },
    "workersKv": {
        "source": "Cloudflare Workers KV pricing page",
        "date": "2025-01-01",
        "perMillionReads": 0.5,
        "perMillionWrites": 5.0,
        "includedReadsPerMonth": 10000000,
        "includedWritesPerMonth": 1000000
    },
    "ec2": {
        "source": "Amazon EC2 On-Demand pricing page",
        "date": "2025-01-01",
        "instanceTypes": {
            "c7g.large": {"hourly": 0.0725, "vcpu": 2, "memoryGib": 4},
            "t3.small": {"hourly": 0.0208, "vcpu": 2, "memoryGib": 2}
        }
    },
    "fargate": {
        "source": "AWS Fargate pricing page",
        "date": "2025-01-01",
        "architectures": {
            "arm": {"perVcpuHour": 0.03238, "perGbHour": 0.00356},
            "x86": {"perVcpuHour": 0.04048, "perGbHour": 0.004445}
        }
    },
    "loadBalancer": {
        "source": "Elastic Load Balancing pricing page",
        "date": "2025-01-01",
        "hourly": 0.0225,
        "perLcuHour": 0.008,
        "lcuNewConnectionsPerS": 25,
        "lcuProcessedGbPerHour": 1
    },
    "elastiCache": {
        "source": "Amazon ElastiCache pricing page",
        "date": "2025-01-01",
        "nodeTypes": {
            "cache.r7g.large": {"hourly": 0.219, "vcpu": 2, "memoryGib": 13.07},
            "cache.t4g.small": {"hourly": 0.032, "vcpu": 2, "memoryGib": 1.37}
        }
    },
    "rds": {
        "source": "Amazon RDS for PostgreSQL pricing page",
        "date": "2025-01-01",
        "instanceTypes": {"db.t4g.medium": {"hourly": 0.065, "vcpu": 2, "memoryGib": 4}}
    },
    "dataTransfer": {
        "source": "Amazon EC2 pricing page; Cloudflare Workers pricing page",
        "date": "2025-01-01",
        "providers": {
            "aws": {"perGb": 0.09, "includedGbPerMonth": 100},
            "cloudflare": {"perGb": 0, "includedGbPerMonth": 0}
        }
    }
})json";

}  // namespace archsim::testing
