"""Words of the vendor pricing template in English and Chinese: (en, zh) per key."""

from __future__ import annotations

from cscost.io.rfp.layout import label

CATEGORY_TITLES: dict[str, tuple[str, str]] = {
    "labour": ("Labour (the service itself)", "人工服务费"),
    "setup": ("Setup and transition", "启动与过渡费"),
    "training": ("Initial and attrition training", "初始培训与离职补员培训"),
    "technology": ("Technology and platform", "技术与平台"),
    "telephony": ("Telephony usage", "通信费用"),
    "reporting": ("Reporting and custom reports", "报表与定制报表"),
    "integration": ("Integration", "系统集成"),
    "management": ("Management and account fees", "管理与客户经理费"),
    "night_surcharge": ("Night surcharge", "夜间附加费"),
    "weekend_surcharge": ("Weekend surcharge", "周末附加费"),
    "holiday_surcharge": ("Public-holiday surcharge", "法定节假日附加费"),
    "language_surcharge": ("Language surcharge", "语种附加费"),
    "minimum_commitment": ("Minimum commitment", "最低承诺量"),
    "escalation": ("Price escalation", "价格上调"),
    "termination": ("Termination and exit", "终止与退出"),
    "sla_credits": ("SLA credits", "服务水平违约赔付"),
    "tax": ("Tax", "税费"),
    "other": ("Other fee", "其他费用"),
}

WORDS: dict[str, tuple[str, str]] = {
    "Instructions": ("Instructions", "填写说明"),
    "Demand": ("Demand", "业务需求"),
    "Pricing": ("Pricing", "报价"),
    "Terms": ("Terms", "合同条款"),
    "Assumptions": ("Assumptions", "服务假设"),
    "title": ("Request for pricing", "报价邀请"),
    "scenario": ("Scenario", "项目"),
    "currency": ("Currency", "币种"),
    "horizon": ("Horizon", "期间"),
    "months": ("months from", "个月，起始"),
    # Demand
    "queue": ("Queue", "队列"),
    "channel": ("Channel", "渠道"),
    "language": ("Language", "语种"),
    "tier": ("Tier", "技能等级"),
    "hours": ("Opening hours", "服务时间"),
    "target": ("Service target", "服务目标"),
    "aht_s": ("AHT (s)", "平均处理时长（秒）"),
    "concurrency": ("Concurrency", "并发数"),
    "patience_s": ("Patience (s)", "平均耐心（秒）"),
    "total": ("Total", "合计"),
    "demand_note": (
        "Monthly contacts for the whole horizon; price this work. Read-only.",
        "整个期间的每月联络量；请按此业务量报价。只读。",
    ),
    # Pricing
    "key": ("Line", "行号"),
    "fee": ("Fee", "费用项"),
    "category": ("Category", "类别"),
    "status": ("Status", "状态"),
    "rate": ("Rate or amount", "单价或金额"),
    "unit": ("Unit", "计价单位"),
    "queues": ("Queues (all, or ids)", "适用队列（all 或队列编号）"),
    "notes": ("Notes", "备注"),
    "labour_n": ("Labour", "人工服务费"),
    "other_n": ("Other fee", "其他费用"),
    "pricing_note": (
        "One row per fee. Status: charged (give rate and unit), included (no separate "
        "charge) or not offered. Rows marked * are required. Surcharges: percent, e.g. 20%.",
        "每行一个费用项。状态：收费（填写单价和单位）、已包含（不单独收费）或不提供。"
        "带 * 的行必填。附加费填百分比，如 20%。",
    ),
    "tiers_title": (
        "Per-contact price by monthly volume band (optional; instead of a flat rate)",
        "按月联络量分段的每次联络单价（可选，替代统一单价）",
    ),
    "tiers_row": ("Tiering rule (F) and queues (G)", "分段规则（F）与适用队列（G）"),
    "band": ("Band", "分段"),
    "up_to": ("Up to (contacts / month; last band blank)", "上限（每月联络量；最后一段留空）"),
    "band_rate": ("Rate per contact", "每次联络单价"),
    # Terms
    "term": ("Term", "条款"),
    "value": ("Value", "数值"),
    "term_status": ("Status (applies / none)", "状态（适用 / 无）"),
    "hint": ("Hint", "说明"),
    "vendor_name": ("Vendor name", "供应商名称"),
    "term_months": ("Contract term (months)", "合同期（月）"),
    "notice_months": ("Notice period (months)", "通知期（月）"),
    "trial_months": ("Trial period (months)", "试用期（月）"),
    "minimum_monthly": ("Minimum monthly charge", "每月最低收费"),
    "escalation_rate": ("Escalation rate (e.g. 4%)", "价格上调比例（如 4%）"),
    "escalation_every_months": ("Escalation every … months", "每隔几个月上调一次"),
    "sla_at_risk": ("SLA: share of charges at risk", "SLA：风险金比例"),
    "sla_expected_miss_rate": ("SLA: expected miss rate", "SLA：预计未达标比例"),
    "termination_fee": ("Termination fee", "终止费"),
    "tax_rate": ("Tax rate", "税率"),
    "discount": ("Discount", "折扣"),
    # Assumptions
    "assumption": ("Assumption", "假设"),
    "shrinkage": ("Shrinkage", "缩减率"),
    "hours_per_fte_month": ("Paid hours per FTE per month", "每FTE每月计薪小时"),
    "attrition": ("Annual attrition", "年流失率"),
    "max_occupancy": ("Maximum occupancy", "最高占用率"),
    "ramp_months": ("Ramp-up: months", "爬坡期（月）"),
    "ramp_aht_factor": ("Ramp-up: AHT factor (e.g. 1.15)", "爬坡期 AHT 系数（如 1.15）"),
    "fcr": ("First-contact resolution (FCR)", "首次解决率（FCR）"),
    "service_level": ("Service level you commit to", "承诺服务水平"),
    "csat": ("Customer satisfaction (CSAT)", "客户满意度（CSAT）"),
    "qa_score": ("Quality score (QA)", "质检得分（QA）"),
    "scenario_aht": ("Our AHT (s)", "我方 AHT（秒）"),
    "your_aht": ("Your AHT (s), if different", "贵方 AHT（秒，如不同）"),
    "blank_default": ("blank = ours", "留空 = 采用我方数据"),
}

INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    (
        "Please fill the yellow cells only; the other cells are protected.",
        "请只填写黄色单元格；其他单元格已保护。",
    ),
    (
        "Demand: the contacts we expect per queue and month. Price exactly this work.",
        "业务需求：各队列每月预计联络量。请按此业务量报价。",
    ),
    (
        "Pricing: one row per fee. Choose a status for every row marked *: charged, "
        "included (no separate charge) or not offered.",
        "报价：每行一个费用项。带 * 的行都须选择状态：收费、已包含（不单独收费）或不提供。",
    ),
    (
        "Give the rate or amount as a plain number in the quote currency (Terms sheet), "
        "and choose its unit from the list.",
        "单价或金额请填写纯数字（币种见“合同条款”表），并从列表中选择计价单位。",
    ),
    (
        "Queues: `all`, or queue ids from the Demand sheet separated by commas.",
        "适用队列：填 all，或“业务需求”表中的队列编号，以逗号分隔。",
    ),
    (
        "Surcharges are percentages of the labour charges in their hours (night, weekend, "
        "public holidays) or for their queues (language).",
        "附加费为相应时段（夜间、周末、法定节假日）或相应队列（语种）人工费的百分比。",
    ),
    (
        "Volume bands: for a per-contact price that falls with the month's volume, fill the "
        "bands below the fee rows instead of a flat rate.",
        "分段价格：若每次联络单价随当月业务量下降，请填写费用行下方的分段，而非统一单价。",
    ),
    (
        "Terms: currency, contract term, minimum, escalation, SLA credits, termination fee "
        "and tax. Status `none` tells us a term does not apply.",
        "合同条款：币种、合同期、最低收费、价格上调、SLA 赔付、终止费和税。"
        "状态“无”表示该条款不适用。",
    ),
    (
        "Assumptions: your own handle times, shrinkage, hours per FTE, quality figures and "
        "ramp-up. Leave blank to accept ours.",
        "服务假设：贵方的处理时长、缩减率、每FTE工时、质量指标和爬坡期。留空即采用我方数据。",
    ),
    (
        "Type values, not formulas or links to other files; save as .xlsx (no macros).",
        "请直接填写数值，不要使用公式或外部链接；保存为 .xlsx（不含宏）。",
    ),
)


def word(key: str, lang: str) -> str:
    """The word ``key`` in ``lang``."""
    return label(WORDS[key], lang)


def category_title(category: str, lang: str) -> str:
    """Title of an audit category in ``lang``."""
    return label(CATEGORY_TITLES[category], lang)
