"""Commented example scenarios written by ``cscost init`` (English and Chinese comments).

Both validate (tested); they use every section of the contract so that a user can
start from one and delete what they do not need.
"""

from __future__ import annotations

from typing import Literal

# ruff: noqa: E501

EXAMPLE_EN = """# cscost scenario — edit the numbers, then run:  cscost validate scenario.yaml
# Every field is described in docs/scenario.md; `cscost schema` prints the JSON Schema.
# Durations: 320s, 5m, 24h or plain seconds.  Shares and percents: 0.2 = 20 %.
# Money: plain numbers in the stated currency.

scenario:
  name: Example Shop customer service
  currency: CNY                # every result is in this currency
  start: 2027-01               # first month, YYYY-MM
  months: 36                   # horizon length
  timezone: Asia/Shanghai      # opening hours below are local times in this zone
  interval_minutes: 15         # planning slot: 15, 30 or 60
  discount_rate: 0.08          # annual rate for NPV (0 = no discounting)
  fx: {USD: 7.1}               # CNY per 1 USD; needed for every quote in another currency
  locale: en                   # report language: en or zh
  windows:                     # named hours for surcharges and splits
    night: "22:00-06:00"       # (night and weekend exist even if you omit them)
    weekend: "Sat-Sun 00:00-24:00"

workforce:                     # defaults for every queue and provider
  shrinkage: 0.32              # share of paid time not spent on contacts
  max_occupancy: 0.85          # busy time / logged-in time, at most
  hours_per_fte_month: 174     # paid hours of one full-time agent per month
  attrition: 0.35              # share of agents replaced per year
  min_agents: 1                # agents in every open interval of a real-time queue

queues:
  - id: voice-zh
    channel: voice             # voice, chat, messaging (real-time); email, backoffice (deferred)
    language: zh
    tier: general              # skill tier: prices and in-house cost are looked up by it
    volume:
      monthly: 42000           # contacts per month at the start
      growth: 0.06             # +6 % a year
      seasonality: [1.0, 0.7, 0.9, 1.0, 1.0, 1.2, 1.0, 1.0, 1.0, 1.0, 1.7, 1.4]  # Jan … Dec
    aht: 320s                  # average handle time
    hours: "24/7"
    target: {answer_within: 20s, level: 0.80}   # 80 % answered within 20 s
    patience: 120s             # mean patience before hanging up (uses Erlang A)
    fcr: 0.74                  # first-contact resolution in-house
    pattern:
      weekdays: [1.15, 1.05, 1.0, 1.0, 1.0, 0.85, 0.8]   # Mon … Sun
      intraday: default        # default (channel curve), flat, or one weight per interval

  - id: chat-zh
    channel: chat
    language: zh
    volume: {monthly: 18000, growth: 0.10}
    aht: 7m
    concurrency: 2             # chats an agent handles at once
    hours: "Mon-Sun 08:00-23:00"
    target: {answer_within: 30s, level: 0.85}
    fcr: 0.70

  - id: email-en
    channel: email
    language: en
    tier: senior
    volume: {monthly: 6000}
    aht: 9m
    hours: "Mon-Fri 09:00-18:00"
    target: {respond_within: 24h, level: 0.95}  # 95 % answered within 24 h

inhouse:                       # the company's own team (scenario currency)
  agent_monthly_cost: {general: 8500, senior: 12000}   # salary per agent FTE by tier
  burden: 0.38                 # employer on-costs on salaries
  supervisor: {span: 15, monthly_cost: 16000}          # one team lead per 15 agents
  support_ratio: 0.06          # QA, WFM, trainers per agent FTE
  recruiting_per_hire: 2500
  training_weeks: 3            # paid weeks before a new hire takes contacts
  seat_monthly: 1200           # IT, telephony, facilities per seat
  overhead: 0.10
  one_time:
    - {name: WFM tool rollout, amount: 80000, month: 0, category: technology}

vendors:
  - id: vendor-a
    name: Vendor A
    currency: CNY
    term_months: 36
    notice_months: 3
    assumptions:               # the vendor's own staffing assumptions
      aht: {voice-zh: 340s}
      shrinkage: 0.30
      ramp: {months: 3, aht_factor: 1.15}   # AHT +15 % in the first 3 months
    fees:
      - {kind: per_fte_month, rate: {general: 13800, senior: 16500}}
      - {kind: one_time, name: setup and transition, amount: 150000}
      - {kind: per_new_hire, amount: 2000}
      - {kind: surcharge, window: night, percent: 0.20, on: [per_fte_month]}
    included: [telephony, reporting]          # covered without a separate charge
    escalation: {rate: 0.04, every_months: 12}
    minimum_monthly: 250000
    sla: {at_risk: 0.10, expected_miss_rate: 0.15}
    termination_fee: 300000
    tax_rate: 0.06
    kpis: {service_level: 0.80, fcr: 0.70, csat: 0.86, qa_score: 0.90}

  - id: vendor-b
    name: Vendor B
    currency: USD
    term_months: 24
    scope: [chat-zh, email-en]                 # queues this vendor quotes for
    fees:
      - kind: per_contact
        tiering: marginal                      # each band at its own rate
        tiers: [{up_to: 20000, rate: 0.95}, {rate: 0.80}]
      - {kind: fixed_monthly, name: account management, amount: 2500}
    minimum_monthly: 15000
    tax_rate: 0.06
    kpis: {fcr: 0.78, csat: 0.84}

options:                       # omit to compare in-house with each vendor for its scope
  - name: all in-house
    assign: {}                 # queues not listed stay in-house
  - name: A takes voice
    assign: {voice-zh: vendor-a}
  - name: A at night, B takes chat
    assign:
      voice-zh: [{provider: vendor-a, hours: night}, {provider: inhouse}]
      chat-zh: vendor-b
  - name: chat split between A and B
    assign:
      chat-zh: [{provider: vendor-a, share: 0.5}, {provider: vendor-b, share: 0.5}]

uncertainty:                   # relative standard deviations for Monte Carlo
  volume: 0.15
  aht: 0.08
  fx: 0.05
  attrition: 0.20
  samples: 10000
  seed: 7

scoring:                       # weights, normalised to add up to 1
  cost: 0.5
  quality: 0.3
  flexibility: 0.1
  risk: 0.1

quality:
  repeat_contacts: true        # unresolved contacts come back as repeat contacts
"""

EXAMPLE_ZH = """# cscost 场景文件 —— 修改数字后运行：  cscost validate scenario.yaml
# 每个字段的含义见 docs/scenario.md；`cscost schema` 输出 JSON Schema。
# 时长：320s、5m、24h 或秒数。比例与百分比：0.2 = 20 %。
# 金额：按所注明币种填写的普通数字。

scenario:
  name: 示例商城客服 2027
  currency: CNY                # 所有结果使用的币种
  start: 2027-01               # 第一个月，格式 YYYY-MM
  months: 36                   # 规划期（月数）
  timezone: Asia/Shanghai      # 下面的营业时间均为该时区的当地时间
  interval_minutes: 15         # 排班时段：15、30 或 60 分钟
  discount_rate: 0.08          # 计算净现值的年折现率（0 = 不折现）
  fx: {USD: 7.1}               # 1 美元 = 7.1 元；其他币种的报价都需要汇率
  locale: zh                   # 报告语言：en 或 zh
  windows:                     # 具名时间窗，供附加费和拆分使用
    night: "22:00-06:00"       # （即使省略，night 与 weekend 也始终存在）
    weekend: "Sat-Sun 00:00-24:00"

workforce:                     # 所有队列和服务商的默认值
  shrinkage: 0.32              # 带薪时间中不用于接待的比例（休息、培训、缺勤）
  max_occupancy: 0.85          # 占用率上限：忙碌时间 / 在线时间
  hours_per_fte_month: 174     # 一名全职坐席每月的带薪小时数
  attrition: 0.35              # 每年流失并需替换的坐席比例
  min_agents: 1                # 实时队列每个营业时段至少的坐席数

queues:
  - id: voice-zh
    channel: voice             # voice、chat、messaging（实时）；email、backoffice（非实时）
    language: zh
    tier: general              # 技能等级：报价和自营成本按它查找
    volume:
      monthly: 42000           # 起始月的月接触量
      growth: 0.06             # 每年增长 6 %
      seasonality: [1.0, 0.7, 0.9, 1.0, 1.0, 1.2, 1.0, 1.0, 1.0, 1.0, 1.7, 1.4]  # 1 月 … 12 月
    aht: 320s                  # 平均处理时长
    hours: "24/7"
    target: {answer_within: 20s, level: 0.80}   # 80 % 在 20 秒内接起
    patience: 120s             # 客户平均等待耐心（使用 Erlang A 模型）
    fcr: 0.74                  # 自营团队的首次解决率
    pattern:
      weekdays: [1.15, 1.05, 1.0, 1.0, 1.0, 0.85, 0.8]   # 周一 … 周日
      intraday: default        # default（渠道默认曲线）、flat（平均）或每个时段一个权重

  - id: chat-zh
    channel: chat
    language: zh
    volume: {monthly: 18000, growth: 0.10}
    aht: 7m
    concurrency: 2             # 一名坐席同时处理的会话数
    hours: "Mon-Sun 08:00-23:00"
    target: {answer_within: 30s, level: 0.85}
    fcr: 0.70

  - id: email-en
    channel: email
    language: en
    tier: senior
    volume: {monthly: 6000}
    aht: 9m
    hours: "Mon-Fri 09:00-18:00"
    target: {respond_within: 24h, level: 0.95}  # 95 % 在 24 小时内回复

inhouse:                       # 自营团队（场景币种）
  agent_monthly_cost: {general: 8500, senior: 12000}   # 每名全职坐席的月薪，按技能等级
  burden: 0.38                 # 社保、福利等雇主附加成本
  supervisor: {span: 15, monthly_cost: 16000}          # 每 15 名坐席配一名组长
  support_ratio: 0.06          # 每名坐席对应的质检、排班、培训人员
  recruiting_per_hire: 2500    # 每名新员工的招聘费用
  training_weeks: 3            # 新员工上岗前的带薪培训周数
  seat_monthly: 1200           # 每个席位每月的 IT、通信和场地成本
  overhead: 0.10               # 管理费用比例
  one_time:
    - {name: WFM 系统上线, amount: 80000, month: 0, category: technology}

vendors:
  - id: vendor-a
    name: 服务商 A
    currency: CNY
    term_months: 36            # 合同期
    notice_months: 3           # 解约通知期
    assumptions:               # 服务商自己的排班假设
      aht: {voice-zh: 340s}
      shrinkage: 0.30
      ramp: {months: 3, aht_factor: 1.15}   # 前 3 个月 AHT 增加 15 %
    fees:
      - {kind: per_fte_month, rate: {general: 13800, senior: 16500}}
      - {kind: one_time, name: 启动与迁移, amount: 150000}
      - {kind: per_new_hire, amount: 2000}
      - {kind: surcharge, window: night, percent: 0.20, on: [per_fte_month]}
    included: [telephony, reporting]          # 已包含、不另收费的项目
    escalation: {rate: 0.04, every_months: 12}
    minimum_monthly: 250000    # 每月最低消费
    sla: {at_risk: 0.10, expected_miss_rate: 0.15}
    termination_fee: 300000    # 提前解约费
    tax_rate: 0.06
    kpis: {service_level: 0.80, fcr: 0.70, csat: 0.86, qa_score: 0.90}

  - id: vendor-b
    name: 服务商 B
    currency: USD
    term_months: 24
    scope: [chat-zh, email-en]                 # 该服务商报价的队列
    fees:
      - kind: per_contact
        tiering: marginal                      # 每个量段按各自单价计费
        tiers: [{up_to: 20000, rate: 0.95}, {rate: 0.80}]
      - {kind: fixed_monthly, name: 客户经理费, amount: 2500}
    minimum_monthly: 15000
    tax_rate: 0.06
    kpis: {fcr: 0.78, csat: 0.84}

options:                       # 省略时：比较全部自营，以及每个服务商承接其报价范围
  - name: 全部自营
    assign: {}                 # 未列出的队列保持自营
  - name: A 承接语音
    assign: {voice-zh: vendor-a}
  - name: A 承接夜间语音，B 承接在线客服
    assign:
      voice-zh: [{provider: vendor-a, hours: night}, {provider: inhouse}]
      chat-zh: vendor-b
  - name: 在线客服由 A 和 B 各承接一半
    assign:
      chat-zh: [{provider: vendor-a, share: 0.5}, {provider: vendor-b, share: 0.5}]

uncertainty:                   # 蒙特卡洛模拟的相对标准差
  volume: 0.15
  aht: 0.08
  fx: 0.05
  attrition: 0.20
  samples: 10000
  seed: 7

scoring:                       # 评分权重，自动归一化
  cost: 0.5
  quality: 0.3
  flexibility: 0.1
  risk: 0.1

quality:
  repeat_contacts: true        # 未首次解决的接触会再次进线
"""


def example_scenario(lang: Literal["en", "zh"] = "en") -> str:
    """The commented example scenario in ``lang`` (comments only differ, and the names)."""
    return EXAMPLE_ZH if lang == "zh" else EXAMPLE_EN
