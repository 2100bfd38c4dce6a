// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/client.h"

#include "sim/model/requestflow.h"

namespace archsim {

void Client::accept(std::uint32_t id) {
    m_context.flow.enterSlot(id, *this, 0);
}

}  // namespace archsim
