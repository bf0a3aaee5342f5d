"""The form of a question, read from its wording alone: what kind of answer it wants, in which units,
about which part of a report, and whether it is several questions in one.

County officials ask colloquially (「哪几个乡镇搞了普法？」「有没有聘法律顾问？聘了几个？」); reports
state (「聘请2名专业律师」). Every stage reads a question's form here, so 「哪几个乡镇…」 is not a
"how many" question in one place and a "which townships" question in another. Pure: no reports, no
tokenizer, no state.

>>> read_form("色务乡开展了多少场普法宣传？覆盖多少人次？").parts
('色务乡开展了多少场普法宣传？', '色务乡普法宣传覆盖多少人次？')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["ASKING", "ASKING_WORDS", "MEASURES", "Compare", "Form", "Kind", "Slot", "Topic", "content_text",
           "is_asking", "read_form"]

Kind = Literal["figure", "count", "set", "yesno", "choice", "open", "list", "fact"]
Topic = Literal["done", "problems", "plans"]
Compare = Literal["most", "fewest"]
Slot = Literal["time", "person", "org", "title", "frequency"]


@dataclass(frozen=True)
class Form:
    """How a question asks. `kind`:

    figure  a number a report states (开展了多少场, 几名, 金额, 比例), or a ranking by one (哪个乡镇…最多)
    count   how many townships (有几个乡镇…): counted over the reports, not a figure in one of them
    set     which townships (哪些乡镇, 哪几个乡镇, 哪个乡镇…)
    yesno   有没有, 是不是, 是否, 有无, …吗
    choice  one of `options` (A还是B)
    open    how, or what was done (怎么做的, 采取了哪些措施, 存在什么问题); also the default
    list    the items of something (开展了哪些活动, 有几种形式)
    fact    one short fact (谁, 什么时候, 在哪里, 哪个部门)

    A question of several parts is described by its first; `parts` are standalone questions to read
    one by one (a single question is its own only part).
    """

    kind: Kind
    parts: tuple[str, ...]
    measure: str | None = None  # a name of MEASURES, or "items" (几个村 -> 个)
    units: frozenset[str] = frozenset()  # the units of qa.ingest.facts a report states the figure in
    measure_named: bool = False  # asked in its own words (几名, 多少场, 多少钱), not guessed from what is counted
    options: tuple[str, ...] = ()
    compare: Compare | None = None
    across: bool = False  # asks about many townships at once
    topic: Topic | None = None  # the part of a report wanted: what was done, its problems, its plans
    slot: Slot | None = None  # what a short fact names: a time, a person, an organisation, a title
    # the verb by which a question asks what the reports say (哪几个乡镇讲了…, 哪个报告里写了…), or the word naming the
    # report itself (…的是2023年度的总结): no content of its own
    says: frozenset[str] = frozenset()
    # the verb a how question closes on (上访是咋处理的, 学法是怎么安排的): what was done, in the most general words;
    # the reports tell how in their own (化解, 办理), so it counts half
    manner: str | None = None


# After 几/多少, the word that says what is counted (几名, 多少场次). Longer forms first.
_CLF = ("人次|场次|件次|户次|批次|万元|平方米|公里|小时|个月|个人|个|名|人|位|次|件|场|期|所|家|处|项|份|起|户|条|宗|例|"
        "轮|回|趟|遍|批|本|册|篇|天|万|元|块|座|间|套|支|组|张|亩|岁|倍|级|层")
# 几 asks only before a unit, and not in 十几场/好几场/近几年/超过几个/几乎/几十 (which state, not ask); 开过几次 asks;
# 哪几块/哪几项 asks which, not how many
_JI = r"(?<![十近这前那好])(?<![不超经]过)几(?![十百千乎经何])"
_TOWNS = r"(?:乡镇|乡|镇|街道|团场)(?![村干政长级])"  # 几个乡村振兴项目 and 乡镇干部 are not townships

# How often (多久开一次会, 多长时间培训一次): reports say 每月, 定期, not a figure: a fact with a frequency slot
# (read before a figure: 「多少天巡逻一次」 is not 多少天, 「巡逻频率如何」 not a rate; 一次性 is no frequency)
_HOW_OFTEN = re.compile(rf"(?:多久|多长时间|(?:{_JI}|多少)个?(?:天|周|星期|月|季度))[^，,。？?！!]{{0,8}}?一次(?!性)"
                        r"|频率(?:是|为|有)?(?:多少|多高|怎样|怎么样|如何|咋样)")
_FIGURE = re.compile(rf"多少(?:{_CLF})?|(?<!哪){_JI}(?:{_CLF})|百分之几|几成|多大|多高|多长|多久|多远|第几")
# A measure named at the end asks for it too: 「参训人数？」「调解成功率呢？」
_FIGURE_NOUN = re.compile(r"(?:数量|人数|次数|件数|场次|金额|比例|比率|占比|面积|满意度|(?<!效)率)"
                          r"(?:是|为|有)?(?:多少)?(?=[？?，,。！!]|呢|$|如何|怎么样|情况)")
_LIST_COUNT = re.compile(rf"哪?(?:{_JI}|多少)个?(?:种|类|方面)")  # 有几种形式: the forms are wanted, not a number
_COUNT = re.compile(rf"(?<!哪)(?:{_JI}|多少)个?{_TOWNS}")
_SET = re.compile(rf"(?:哪些|哪几个?|哪一?个|哪一些){_TOWNS}|(?:哪些|哪几个?|哪一?个)(?:地方|单位)"
                  rf"|{_TOWNS}(?:都)?(?:有|是)(?:哪些|哪几个?)")  # 「开展了宪法宣传的乡镇有哪些？」
_ACROSS = re.compile(rf"{_SET.pattern}|{_COUNT.pattern}|(?:各个?|每一?个|所有|全部|其他|其它|有的|有些|不少){_TOWNS}"
                     rf"|(?:有没有|有无|是否有|有)(?:的|些)?{_TOWNS}|各地|全县|全市|全旗|全区|普遍")
# …有法律顾问不？ / 搞普法宣传没？: a closing 不 or 没 asks too
_YESNO = re.compile(r"有没有|是不是|是否|有无(?!人机|讼|纸化)|能不能|会不会|要不要|可不可以|对不对|够不够|算不算"
                    r"|了没有?(?=[？?，,。！!]|$)|没有(?=[？?，,。！!]|$)|(?<![是也还])[不没](?=[？?！!。]?$)"
                    r"|(?P<twice>[\u4e00-\u9fff]{2})[不没](?P=twice)"  # AB不AB: 满意不满意
                    r"|(?P<again>[\u4e00-\u9fff])[不没](?P=again)(?:[\u4e00-\u9fff](?=[？?，,。！!]|$))?")  # 满不满意, 去没去
_YESNO_WEAK = re.compile(r"(?<!吗)吗(?!啡)")  # loses to 怎么/什么/谁…: 「能说说怎么做的吗」 is open
_OPEN = re.compile(r"怎么|怎样|如何|咋|为什么|为啥|啥样|有何|[做干搞]了?(?:什么|啥|哪些)"
                   r"|(?:哪些|什么|啥|哪几个?|哪几种)(?:具体)?(?:措施|办法|做法|举措|方式方法|方式|方法|手段|形式|渠道|途径"
                   r"|经验|工作|亮点|成效|成绩|成果"
                   r"|特色|问题|不足|困难|短板|打算|计划|安排|思路|方面|变化|效果)")
_FACT = re.compile(rf"{_HOW_OFTEN.pattern}|谁|何时|什么时候|啥时候|哪天|哪一天|哪一?年|几月|几号|几点|哪里|哪儿|在哪|哪位|哪一?个|叫什么|什么名字")
_LIST = re.compile(rf"哪些|哪几|哪一些|什么|啥|{_LIST_COUNT.pattern}")
_ELLIPSIS = re.compile(r"呢[？?！!。]*$")  # 「禁毒宣传呢？」 asks what the question before it asked
_ASKS = re.compile("|".join(p.pattern for p in (_FIGURE, _FIGURE_NOUN, _LIST_COUNT, _COUNT, _SET, _YESNO,
                                                 _YESNO_WEAK, _OPEN, _FACT, _LIST)))

# Superlatives rank whatever they follow; comparatives (更多, 较少, 多于) and a bare 多/少 at a clause's end rank
# only beside 哪/谁 (「哪个乡镇纠纷多？」), else they compare with something else (「比去年更多吗」). 最少 before
# a number is "at least": 「每村最少一名」.
_MOST = re.compile(r"最多(?![要需应得能有一两二三\d])|最高|最大|最长|最久|最广|排名第一|排第一|第一名")
_FEWEST = re.compile(r"最少(?![要需应得能有一两二三\d])|最低|最小|最短|垫底|倒数第一")
_MORE = re.compile(r"更多|更高|更大|较多|较高|多于|(?<![多少很许众诸])多(?=[？?，,。！!]|$|呢|一些|些|一点|点|啊)")
_LESS = re.compile(r"更少|更低|更小|较少|较低|少于|(?<![多少至不很])少(?=[？?，,。！!]|$|呢|一些|些|一点|点|啊)")

_PLANS = re.compile(r"下一步|下步|明年|来年|今后|接下来|将来|未来|以后|后续|打算|规划|展望|思路|计划(?!生育)"
                    r"|准备(?=怎么|如何|做|开展|搞|干|采取)")
_PLAN_MADE = re.compile(r"(?:制定|出台|印发|编制|下发|按照|落实)[^，,。？?]{0,8}$")  # 制定了普法计划: done, not a plan
_PROBLEMS = re.compile(r"问题|不足|短板|薄弱|差距|困难(?!群众|户|家庭|人员|职工|学生)|难点|瓶颈|弱项|欠缺|不到位|短处"
                       r"|缺点|毛病"
                       # a failing asked about in words (「干部法治观念还不够强」, 「人手紧、缺人」): what a report admits
                       r"|不够|不强|不高|不力|不全|不完善|不健全|不规范|不扎实|不深入|跟不上|缺乏|缺少|缺人|缺口|短缺"
                       r"|人手紧|人手少|力量弱|滞后|承认|检讨|没做好|做得不好|有待(?!遇)|亟待")
# 「怎么解决调解员短缺的？」: a failing the question asks how it was met is work done (「解决问题上还有哪些不足」 is not)
_FAILING_MET = re.compile(r"(?:解决|化解|整改|弥补|应对|补齐|补足|破解|缓解|克服|针对)[^，,。？?还存]{0,8}$")
_PROBLEM_SOLVED = re.compile(r"(?:解决|化解|处理|整改|回应|答复|反映|咨询|法律|纠纷|信访)[^，,。？?]{0,6}$")  # 解决了哪些问题
_DONE = re.compile(r"措施|做法|举措|成效|成绩|成果|亮点|经验|特色|做了|干了|怎么做|怎么搞|(?:如何|怎么|怎样)开展")

# (measure, how a question asks for it, the units a report states it in). The first that matches wins, so
# 多少人次 is attendance before it is people; explicit units come before the nouns of _MEASURE_NOUNS.
# People are counted in 名/人/位 (「聘请2名专业律师」); 个 is left out (「调解委员会5个」 counts bodies, not people).
# 人次 counts attendances, not people: it answers 「多少人参加…」 (see _AUDIENCE), never 「有几名法律顾问」.
# 回/米/千米 are not units qa.ingest.facts extracts yet; listed so that facts stated in them will fit.
# 名次 is no unit at all: a place in a ranking (第几名) is never a count a report states, so nothing answers it.
_PEOPLE = re.compile(r"(?:人员|干部|群众|律师|顾问|调解员|明白人|志愿者|网格员|党员|学生|村民|居民)")
MEASURES: tuple[tuple[str, str, frozenset[str]], ...] = (
    # a place in a ranking (拿了第几名): a report's figure of anything else never answers it
    ("rank", r"第几|排名|名次", frozenset({"名次"})),
    ("attendance", r"人次", frozenset({"人次"})),
    ("money", r"多少钱|多少万|几万|多少块|多少元|万元|金额|花了多少|投入了?多少", frozenset({"元", "万元", "万"})),
    ("rate", r"比例|比率|占比|百分之几|百分比|几成|多少[%％]|(?<!效)率(?!先|领)|满意度", frozenset({"%", "％", "个百分点"})),
    ("people", rf"(?:{_JI}|多少)个?人|(?:{_JI}|多少)[名位]|人数"
               rf"|(?:{_JI}|多少)个(?![村社户部单站点室])(?=[^，,。？?]{{0,6}}?{_PEOPLE.pattern})"  # 几个法律顾问, 多少个懂法的明白人
               rf"|{_PEOPLE.pattern}[有是共]?(?:{_JI}|多少)个(?=[？?，,。！!呢啊]|$)", frozenset({"人", "名", "位"})),
    ("cases", rf"(?:{_JI}|多少)[件起宗例]|件数|案件数", frozenset({"件", "起", "宗", "例", "件次"})),
    ("times", rf"(?:{_JI}|多少)(?:场次|次|场|期|轮|回|趟|遍|批次|批)|次数|场次|频次",
     frozenset({"次", "场", "场次", "期", "轮", "回", "批", "批次"})),
    ("copies", rf"(?:{_JI}|多少)[份册本]", frozenset({"份", "册", "本"})),
    ("households", rf"(?:{_JI}|多少)户|户数|户次", frozenset({"户", "户次"})),
    ("duration", rf"多久|多长时间|(?:{_JI}|多少)(?:天|个月|小时)", frozenset({"天", "小时"})),
    ("area", r"面积|平方米|多大", frozenset({"平方米"})),
    ("length", r"多长(?!时间)|长度|多远|距离|多少(?:米|公里|千米)", frozenset({"米", "公里", "千米"})),
)
_MEASURE_RES = tuple((name, re.compile(p), units) for name, p, units in MEASURES)
_UNITS_OF = {name: units for name, _, units in MEASURES}
# Measures a figure of one may answer a question of the other: reports count an activity in 次 or in 件, an
# audience in 人 or in 人次, documents in 份 or in 件. A generic counter (个, 项) may count anything.
_KIN = {"times": {"cases"}, "cases": {"times"}, "people": {"attendance"}, "attendance": {"people"},
        "copies": {"cases"}}  # 几份合同: 审核合同11件
_GENERIC_UNITS = frozenset({"个", "项"})
# Measures only their own units state: 多少本 is answered in 份/册/本, 多少户 in 户, never in a generic 个
_EXACT = frozenset({"copies", "households"})


def unit_answers(measure: str | None, units: frozenset[str], unit: str) -> bool:
    """Can a figure in `unit` answer a question that names its measure (`measure`, in `units`)? Not when the unit is
    another measure's own: 多少人 is never 17场次, 多少本 never 16场次, 几起 never 38名."""
    if measure is None or not units or unit in units:
        return True
    owners = {name for name, u in _UNITS_OF.items() if unit in u}
    if measure in _EXACT:
        return bool(owners & _KIN.get(measure, set()))
    if unit in _GENERIC_UNITS:
        return True
    return not owners or bool(owners & (_KIN.get(measure, set()) | {measure}))
ITEM_COUNTERS = "个项家处所条座间套篇支组张亩块"  # counters of things (几个村, 多少条横幅): the measure "items"
_ITEMS = re.compile(rf"(?:{_JI}|多少)(?:([{ITEM_COUNTERS}])|(?=村|社区|部门))")  # 几个村, 多少村 -> 个
# When no unit is asked (「纠纷有多少？」), what is counted names the measure.
_MEASURE_NOUNS = (
    ("money", re.compile(r"经费|资金|费用|预算|钱")),
    ("cases", re.compile(r"纠纷|案件|案子|矛盾|信访|诉讼|复议")),
    ("people", _PEOPLE),
)
# Reports count an audience in 人次 (「参与人员达2500人次」): a people question about one accepts it too.
_AUDIENCE = re.compile(r"参加|参与|参训|受教育|受众|覆盖|惠及|受益|听课|观看|到场|出席|培训")

# Words that say how a question asks, never what it is about: reports do not use them in the sense asked.
# They are dropped from a question's content terms: as whole tokens (is_asking), from its text (content_text).
ASKING_WORDS: tuple[str, ...] = (
    # a figure: its unit (几名, 多少场) is the measure read_form returns, not a term
    "多少", "几", "多大", "多高", "多长", "多久", "多远", "几成", "百分之几", "人数", "次数", "件数", "数量",
    # a comparison
    "更", "最", "多", "少", "更多", "最多", "更少", "最少", "较多", "较少", "最高", "最低", "最大", "最小",
    # yes or no: jieba splits 有没有 and 是不是, so 没有 and 不是 go too
    "是否", "有没有", "是不是", "有无", "没有", "不是", "能不能", "会不会", "要不要", "可不可以", "对不对",
    "吗", "呢", "吧", "啊", "呀", "没", "不",
    # which, what, how
    "还是", "怎样", "怎么样", "如何", "怎么", "怎么做", "是怎么", "是咋", "是如何", "是怎样", "咋", "咋样", "啥", "啥样",
    "什么", "什么时候", "啥时候", "叫什么", "叫什么名字", "何时", "哪里", "哪儿", "哪些", "哪个", "哪几个", "哪一个", "哪些方面", "为什么",
    "为啥", "谁", "有人",  # (有人: anyone, 「有没有人告政府」)
    # colloquial fillers: the official asks, the report states; none says what the question is about
    "请问", "一下", "知道", "具体", "一共", "总共", "大概", "大约", "左右", "平时", "都", "搞", "弄", "做了", "干了",
    "我想", "想问", "问问", "告诉", "帮我", "你", "我", "我们", "咱", "咱们", "说说", "讲讲", "谈谈", "看看", "查查", "介绍",
    "你好", "您好", "麻烦", "谢谢",
    # a year named relative to today (去年搞了多少场): the year of the report asked about, which filters already pick
    "去年", "前年", "上一年", "那一年", "这一年",
)
# Tokens that say nothing of what a question is about, dropped only as whole tokens (in running text they are parts
# of words: 来访, 接下来, 未来一年): directional complements (坐下来学, 挂出去), the year as a span (一年普法下来), the
# verbs of spending (花了多少钱: the money is the measure), pointing at a topic (法律顾问这块).
FILLER_TOKENS = frozenset({"来", "下来", "出去", "起来", "上来", "过来", "出来", "一年", "花", "花了", "投", "投了",
                           "这块", "这一块", "里",  # (里: where, after a noun: 报告里, 村里)
                           # the verbs that say how a thing is asked (要亮出证件吗, 能不能办), not what it is
                           "要", "能", "应", "该", "可以", "应该", "能够"})  # (not 会: 「开过几次会」)
ASKING = re.compile("|".join(sorted(map(re.escape, ASKING_WORDS), key=len, reverse=True))
                    + rf"|(?:几|多少)(?:{_CLF}|钱)")
# In running text a single character is removed only where it cannot be part of a content word (无人机, 吗啡,
# 弄虚作假, 首都, 自我, 众多); 几/多少 with the word that only joins them to the question (有几名, 是多少).
_END = r"(?=[？?，,。！!\s呢吗啊呀吧]|$)"
_GUARDED = {"有无": r"有无(?!人机|讼|纸化)", "有人": r"(?<!所)有人(?![员民口才大])", "吗": r"(?<!吗)吗(?!啡)", "弄": r"弄(?!虚)", "我": r"(?<!自)我",
            "都": r"(?<![首成京古])都(?![市城会])", "不": r"(?<![是也还])不(?=[？?！!。]?$)",
            "多": rf"(?<![众许很诸])多{_END}", "少": rf"(?<![至不很])少{_END}",
            **{w: f"{w}{_END}" for w in "呢吧啊呀没"}}
_TEXT_ASKING = re.compile("|".join([
    rf"(?:有|是|为|共|达)?(?:哪?{_JI}(?:{_CLF})|多少(?:{_CLF}|钱)?|哪?(?:{_JI}|多少)个?(?:种|类|方面))",
    r"(?:有|是)?(?:什么时候|啥时候|哪些方面|哪几个|哪一个|哪些|哪个|什么|啥|谁)",
    r"[搞弄干做](?:了|过|得)",
    *(_GUARDED.get(w, re.escape(w)) for w in sorted(ASKING_WORDS, key=len, reverse=True)
      if w not in ("几", "多少", "更", "最")),  # 几/多少 are above; 更/最 go only in 更多, 最少…
]))


def is_asking(token: str) -> bool:
    """Is this token (a whole word) only how the question asks? ``is_asking("几名")`` is True."""
    return bool(ASKING.fullmatch(token))


_A_NOT_A = re.compile(r"([\u4e00-\u9fff]{1,2})[不没]\1")


def content_text(question: str) -> str:
    """The question without its asking words and fillers: ``content_text("请问色务乡有没有法律顾问？")`` is
    '色务乡法律顾问'."""
    text = _A_NOT_A.sub(r"\1", _TEXT_ASKING.sub("", question))  # and 满不满意 -> 满意, 满意不满意 -> 满意
    text = re.sub(r"[？?！!。]+(?=.)", "，", text)
    text = re.sub(r"\s+", "", text)
    return re.sub(r"^[，,。；;：:]+|[的了，,。；;：:？?！!]+$", "", text)


def read_form(question: str) -> Form:
    """The form of `question`: ``read_form("哪几个乡镇开展了法治讲座？").kind`` is 'set'."""
    parts, each_place = _parts(question)
    first = parts[0]
    kind = _kind(first)
    measure, units = _measure(first) if kind == "figure" else (None, frozenset[str]())
    # named in its own unit word: 几个 (+ a person) is the generic counter guessing, as 调解员 alone would be; a thing
    # counted in its own counter (多少条, 几家) is named, though things of all kinds are (「多少条」 is never 「8名」)
    named = measure == "items" and units.isdisjoint(_GENERIC_UNITS) or measure not in (None, "items") and any(
        name == measure and (m := p.search(first)) and "个" not in m.group() for name, p, _ in _MEASURE_RES)
    compare = _compare(first)
    across = each_place or kind in ("count", "set") or any(_ACROSS.search(p) for p in parts) or (
        compare is not None and bool(re.search(r"哪一?个(?!月|年)|谁", first)))
    return Form(kind=kind, parts=parts, measure=measure, units=units, measure_named=named,
                options=_options(first) if kind == "choice" else (), compare=compare, across=across,
                topic=_topic(first, kind), slot=_slot(first) if kind in ("fact", "open", "list") else None,
                says=frozenset(w for m in (*_SAYS.finditer(first), *_REPORT.finditer(first)) for w in m.groups() if w),
                manner=m.group(1) if (m := _MANNER.search(first)) else None)


# 「哪几个乡镇讲了…」「哪个报告里写到…」: the verb asks what a report says (说, 提到 are stopwords already)
_SAYS = re.compile(rf"(?:{_SET.pattern}|报告|材料|总结)(?:里面?|中|上)?(?:都|也|自己|有)?"
                   r"(?P<said>(?P<verb>讲|写|谈|提|承认|表示)(?:了|到|过|进|及)?)")
# 「交上来的是2023年度的总结？」: the report itself, named at the question's end (报告 is a stopword of the index)
_REPORT = re.compile(r"(?<=年|度|的)((?:工作)?(总结|汇报))(?:材料)?(?=[？?，,。！!]|$)")
# 「…是咋处理的？」: the two-character verb right after the how word that closes the question
_MANNER = re.compile(r"(?:怎么|咋|如何|怎样)(?!样)([\u4e00-\u9fff]{2})的?[？?。！!]*$")


# What a short-fact question names (the first that matches): 「什么时候开通的」 wants a time, 「谁挂帅」 a person.
_SLOTS: tuple[tuple[Slot, re.Pattern[str]], ...] = (
    ("time", re.compile(r"什么时候|啥时候|何时|哪天|哪一天|几月|几号|哪一?年(?!度)|什么时间|啥时间")),
    ("org", re.compile(r"哪家|哪里的人|哪儿的人|哪里请|哪一?个(?:单位|部门|机构|律所|公司|学校)|什么(?:单位|部门|机构|律所|公司)|哪些(?:单位|部门|律所)")),
    ("person", re.compile(r"谁(?!家)|哪位|哪些人|什么人|叫什么名字|姓名|名字")),
    ("title", re.compile(r"叫什么|什么名称|名称是|题目|主题是什么|什么主题|什么文件|哪个文件|啥文件")),
    ("frequency", _HOW_OFTEN),
)


def _slot(q: str) -> Slot | None:
    return next((slot for slot, pattern in _SLOTS if pattern.search(q)), None)


# After choice and figure (which need more than a pattern), the first of these that matches names the kind.
_KINDS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("count", _COUNT), ("set", _SET), ("yesno", _YESNO), ("figure", _FIGURE_NOUN), ("open", _OPEN),
    ("fact", _FACT), ("list", _LIST), ("yesno", _YESNO_WEAK))


def _kind(q: str) -> Kind:
    """The kind of one question (see Form)."""
    if _options(q):
        return "choice"
    if _HOW_OFTEN.search(q):
        return "fact"
    rest = _SET.sub("＃", _COUNT.sub("＃", _LIST_COUNT.sub("＃", q)))  # 几个乡镇 and 几种 are not figures
    if _FIGURE.search(rest):
        return "figure"
    if _compare(q) and not _YESNO.search(q):
        return "figure"
    return next((kind for kind, pattern in _KINDS if pattern.search(q)), "open")


def _measure(q: str) -> tuple[str | None, frozenset[str]]:
    """What a figure question counts, and the units a report may state it in."""
    name: str | None = None
    units: frozenset[str] = frozenset()
    for n, pattern, u in _MEASURE_RES:
        if pattern.search(q):
            name, units = n, u
            break
    else:
        if m := _ITEMS.search(q):
            return "items", frozenset({m.group(1) or "个"})
        for n, pattern in _MEASURE_NOUNS:
            if pattern.search(q):
                name, units = n, _UNITS_OF[n]
                break
    if name == "people" and _AUDIENCE.search(q):
        units |= {"人次"}
    return name, units


def _compare(q: str) -> Compare | None:
    """Which end of a ranking the question wants, if it asks for one (the first such word decides)."""
    masked = q.replace("多少", "＃＃")
    found: list[tuple[int, Compare]] = [(m.start(), "most") for m in _MOST.finditer(masked)]
    found += [(m.start(), "fewest") for m in _FEWEST.finditer(masked)]
    if re.search("哪|谁", masked) or _ACROSS.search(q):
        found += [(m.start(), "most") for m in _MORE.finditer(masked)]
        found += [(m.start(), "fewest") for m in _LESS.finditer(masked)]
    return min(found)[1] if found else None


def _topic(q: str, kind: Kind) -> Topic | None:
    """Plans or problems when the question names them (the first named decides), else done for a how/what."""
    found: list[tuple[int, Topic]] = []
    found += [(m.start(), "plans") for m in _PLANS.finditer(q)
              if not (m.group() == "计划" and _PLAN_MADE.search(q[:m.start()]))]
    found += [(m.start(), "problems") for m in _PROBLEMS.finditer(q)
              if not (m.group() == "问题" and _PROBLEM_SOLVED.search(q[:m.start()]))
              and not (m.group() != "问题" and _FAILING_MET.search(q[:m.start()]))]
    if found:
        return min(found)[1]
    return "done" if kind in ("open", "list") or _DONE.search(q) else None


# A choice's left option starts after the last of these (是A还是B, 开展了A还是B, 由A还是B).
_CHOICE_START = re.compile(r"是|了|由|在|用|按|靠|以|通过|选|采用|采取|搞|为|的")


def _options(q: str) -> tuple[str, ...]:
    """The options of 「A、B还是C」, or () when 还是 means "still" or nothing stands on one side of it."""
    text = re.sub(r"[？?！!。\s]+$", "", q)
    if "还是" not in text or text.endswith("吗"):
        return ()
    left, *rights = re.split(r"[，,]?还是", text)
    if any(not r or r[0] in "没不要会在很挺得也" for r in rights):  # 还是没有…: "still", not "or"
        return ()
    rights = [re.sub(r"[呢啊呀啦的]+$", "", re.split(r"[，,]", r)[0]) for r in rights]
    left = re.split(r"[，,]", left)[-1].removesuffix("的")
    starts = [m.end() for m in _CHOICE_START.finditer(left) if m.end() < len(left)]
    if starts:
        left = left[starts[-1]:]
    elif len(left) > len(rights[-1]) + 2:  # 普法宣传线上多还是线下多: as long as its parallel
        left = left[-len(rights[-1]):]
    options = [*left.split("、"), *rights]
    return tuple(options) if all(options) else ()


# --- several questions in one ---------------------------------------------------------------------------
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,12}?)(民族乡|街道|乡|镇|团)(?![镇村级长里内外政干结队员委])")
_NOT_IN_NAME = re.compile(r".*[的了哪各些个和与在是有呢吗么那这我本全每等及或对把被从向到请问中其该所几多少县年度月日]")
_TIME = re.compile(r"20\d\d年度?|去年|今年|前年|全年|本年度|上半年|下半年")
_LEAD = re.compile(r"^(?:那么|那|另外|还有|以及|并且|而且|同时|此外|然后|再|又)[，,\s]*")
_BACK = re.compile(r"^(?:其中|分别|各|都|每)")  # 「…，其中律师几名？」 leans on the clause before: one question
_AND = re.compile(r"以及|和(?!谐|解|平)|与(?!会|其)|及(?!时|格)|跟(?!进|踪)|、")
_EACH = re.compile(r"分别|各自|各(?=是|有|为|开展|搞|举办|占)")
# A later part that says only how (覆盖多少人次, 经费多少, 是律师还是…) is about the first part's topic.
_ELLIPTIC = re.compile(r"^(?:覆盖|参与|参加|受益|惠及|涉及|投入|花|用了|用在|用于|主要|持续|发放|成功|化解|办结|受教育|其中|是|为|占|经费|资金"
                       r"|费用|人数|次数|场次|比例|占比|效果|成效|时间|时长|受众|规模|频次|参与人员|参加人员)")
# Words at the edges of a topic that say nothing of it: 「普法宣传搞了」 -> 普法宣传, 「开展了法治讲座」 -> 法治讲座
_EDGE = ("(?:的|了|过|得|地|有|是|共|一共|总共|累计|共计|都|还|也|又|已经?|大概|大约|请问|在|对|给|时|时候|期间|过程中"
         "|(?:开展|组织|举办|举行|进行|完成|采用|采取|通过|用)(?:了|过)?|[搞弄干做办]了?)")
_EDGES = re.compile(rf"^{_EDGE}+|{_EDGE}+$")


def _place(text: str) -> str | None:
    """The first township name in text (色务乡, 塔布勒合特蒙古民族乡), not 各乡镇 or 哪些乡."""
    for m in _PLACE.finditer(text):
        cut = _NOT_IN_NAME.match(m.group(1))
        name = text[m.start() + (cut.end() if cut else 0):m.end()]
        if len(name) >= 3 and not name.endswith("乡镇"):
            return name
    return None


def _parts(question: str) -> tuple[tuple[str, ...], bool]:
    """The standalone questions in `question`, and whether they are one question asked of several places."""
    q = question.strip()
    groups: list[str] = []
    hard = False  # the clause follows a question mark or full stop, not a comma
    for m in re.finditer(r"([^，,？?！!。；;]+)([，,？?！!。；;]*)", q):
        body, sep = m.group(1).strip(), m.group(2)
        asks = _ASKS.search(body) or _ELLIPSIS.search(body + sep)
        if groups and _ASKS.search(groups[-1]) and asks and (hard or not _BACK.match(body)):
            groups.append(body + sep)
        elif groups:
            groups[-1] += body + sep
        else:
            groups.append(body + sep)
        hard = bool(re.search("[？?！!。；;]", sep))
    while len(groups) > 1 and not content_text(groups[0]):  # 「你知道吗，…」 asks nothing of its own
        groups[:2] = [groups[0] + groups[1]]
    parts: list[str] = []
    each_place = False
    before = ""  # the question before, standing alone: what a later part leans on
    for g in groups:
        alone = _stand_alone(before, g) if before else g
        if alone is None:
            parts[-1] = _ends(parts[-1], "，") + g
            continue
        before = alone
        if each := _each(alone):
            each_place = each_place or all(_whole_place(item) for item in each[1])
            parts += each[0]
        else:
            parts.append(alone)
    if len(parts) <= 1:
        return (q,), each_place
    return tuple(_ends(p, "？") for p in parts), each_place


def _ends(text: str, mark: str) -> str:
    """`text` closed by `mark` instead of whatever punctuation closed it."""
    return re.sub(r"[，,？?！!。；;\s]+$", "", text) + mark


def _whole_place(text: str) -> bool:
    return _place(text) == text


def _each(q: str) -> tuple[list[str], list[str]] | None:
    """「色务乡的法律顾问和调解员分别有几名？」 -> one question per item: (questions, items)."""
    m = _EACH.search(q)
    if not m or not _ASKS.search(q[m.end():]) or re.search(r"[，,？?！!。；;]", q.rstrip("，,？?！!。；; ")):
        return None  # only a question of one clause is split by its 分别
    items = _AND.split(q[:m.start()])
    if len(items) < 2 or not all(0 < len(i) <= 15 for i in items):
        return None
    prefix, first = "", items[0]
    if not _whole_place(first):
        subject = _subject_at_start(first)
        prefix, first = first[:subject], first[subject:]
    if not first:
        return None
    items = [first, *items[1:]]
    return [prefix + i + q[m.end():] for i in items], items


def _subject_at_start(text: str) -> int:
    """Where the township/year that starts `text` (with its 的) ends, 0 when it does not start with one."""
    end = 0
    while True:
        if m := _TIME.match(text, end):
            end = m.end()
        elif (name := _place(text[end:])) and text.startswith(name, end):
            end += len(name)
        else:
            return end + 1 if end and text[end:end + 1] == "的" else end


def _stand_alone(first: str, later: str) -> str | None:
    """`later` as a question standing alone, inheriting `first`'s township (or 各乡镇…), year and topic; None
    when it cannot be made to (it then stays part of the question before it)."""
    core = _LEAD.sub("", later.strip())
    place, times = _place(first), _TIME.findall(first)
    if _ELLIPSIS.search(core) and not _ASKS.search(core):  # 「禁毒宣传呢？」「那嘎美乡呢？」
        x = _ELLIPSIS.sub("", core)
        if not x:
            return None
        if _whole_place(x):
            return first.replace(place, x) if place else x + first
        ask = _FIGURE.search(first) or _YESNO.search(first)
        return f"{place or ''}{''.join(times)}{x}{ask.group()}？" if ask else None
    own = _place(core)
    across = _ACROSS.search(first)
    subject = "" if own or _ACROSS.search(core) else place or (across.group() if across else "")
    if not own and not _TIME.search(core):
        subject += "".join(times)
    # (a particle ending it says nothing of its own: 回应得怎么样 is 回应)
    text = re.sub(r"[得了过着]+$", "", content_text(core.replace(own, "") if own else core))
    if len(text) <= 2 or _ELLIPTIC.match(text):  # 覆盖多少人次, 经费多少, 回应得怎么样: about the first part's topic
        topic = _topic_of(first)
        if not topic:
            return None
        return core.replace(own, own + topic, 1) if own else subject + topic + core
    return subject + core


def _topic_of(first: str) -> str | None:
    """What the first part asks about: 「色务乡开展了多少场普法宣传？」 -> 普法宣传, 「是否聘请了法律顾问」 -> 聘请法律顾问."""
    text = _TIME.sub("", first)
    if place := _place(text):
        text = text.replace(place, "")
    text = re.sub(r"[？?！!。，,；;\s]+", "", _ACROSS.sub("", text))
    m = _ASKS.search(text)
    if not m:  # it asked only 哪些乡镇/几个乡镇: the rest is what they did
        topic = _EDGES.sub("", text)
        return topic if 2 <= len(topic) <= 16 else None
    # what follows 多少场/是否 is what is counted or asked about; what follows 什么/哪些 is what is asked for
    asked_of = any(p.fullmatch(m.group()) for p in (_FIGURE, _YESNO, _YESNO_WEAK))
    topic = _EDGES.sub("", text[:m.start()]) + (_EDGES.sub("", text[m.end():]) if asked_of else "")
    return topic if 2 <= len(topic) <= 16 and not _ASKS.search(topic) else None
