"""Words a reader's query may contain that no story needs to: question words, polite particles and
the little words of a sentence. The search script (theme/assets/javascripts/moinext-search.js)
does not require them in a story, so a question typed as a reader speaks it (ทำบัตรประชาชนที่บ้าน
ได้ไหม, กี่บาท, ทำอย่างไร) finds the story that answers it; a story that has them too ranks higher,
as the query then stands in it side by side. Each is a word as ICU cuts it (thai.words.segment);
tests/test_search_words.py checks that.
"""

from __future__ import annotations

QUESTION_WORDS: tuple[str, ...] = (
    # หรือไม่, หรือเปล่า, ยังไง, เท่าไหร่, เมื่อไหร่, ที่ไหน are cut by ICU into these words
    "ไหม", "มั้ย", "มั๊ย", "ไม๊", "หรือ", "ไม่", "เปล่า", "รึ", "อะไร", "ไง", "อย่างไร", "ทำไม", "ที่ไหน",
    "ไหน", "ได้ที่", "เมื่อไร", "ไหร่", "เท่าไร", "เท่า", "กี่", "ใคร", "บ้าง", "ไร", "คือ",
    # ICU keeps these whole, though each part is a word no story needs: "หน้าแล้งไม่มีน้ำใช้" asks
    # for the story that says มีน้ำใช้หน้าแล้ง
    "ไม่มี", "ไม่รู้",
)  # fmt: skip

PARTICLES: tuple[str, ...] = ("ครับ", "ค่ะ", "คะ", "จ้ะ", "จ้า", "นะ", "หน่อย", "ขอ", "อยาก", "ทราบ", "รู้")

SENTENCE_WORDS: tuple[str, ...] = (
    "ได้", "ที่", "ใน", "ของ", "และ", "จะ", "ให้", "มี", "เป็น", "กับ", "แล้ว", "ไป", "มา", "ว่า", "ก็",
    "นี้", "นั้น", "อยู่", "ต้อง", "ยัง", "การ", "ความ", "โดย", "เพื่อ", "จาก", "ถึง", "แก่", "ต่อ",
    # "by way of": ร้องเรียนทางอีเมล, ผ่านอีเมล, แจ้งทางไหน; a story names the channel (อีเมล, ไลน์)
    # without it
    "ทาง", "ผ่าน",
    # the passive: "ผู้สูงอายุโดนหลอก"; a story says ถูกหลอก, or only หลอก
    "โดน",
    # "while": "ท้องตอนเรียน" (pregnant while at school); the story says นักเรียนที่ตั้งครรภ์
    "ตอน",
)  # fmt: skip

# What every write-up is, so a reader names it and the write-up need not: "โครงการโคกหนองนา" asks
# for the story about โคก หนอง นา, which never calls itself a project.
# ปัญหา frames a topic the same way: "ปัญหาความยากจน" asks for the stories about poverty.
# ป้องกัน (preventing) does too: "ป้องกันจมน้ำ" asks for the story about drowning, which teaches
# children to swim without saying it prevents anything.
GENERIC_WORDS: tuple[str, ...] = ("โครงการ", "กิจกรรม", "ปัญหา", "ป้องกัน")

OPTIONAL_WORDS: tuple[str, ...] = QUESTION_WORDS + PARTICLES + SENTENCE_WORDS + GENERIC_WORDS

# How-questions (ยังไง, อย่างไร: ICU cuts ยังไง into ยัง and ไง): the story that answers
# "หนี้นอกระบบแก้ยังไง" or "ทำอย่างไร" tells what was done, often without these general verbs of
# asking. In a run with a how-word they need not be found; anywhere else they are words like any.
# What-questions too: "ผักตบชวาเอาไปทำอะไร" (take it to do what): the story says what it was made into.
# ดี after a how-word asks for advice, not for something good: "ช้างป่าเข้าไร่ทำอย่างไรดี".
HOW_WORDS: tuple[str, ...] = ("อย่างไร", "ไง", "อะไร")
ASKED_VERBS: tuple[str, ...] = ("ทำ", "แก้", "แก้ไข", "เอา", "ดี")
# How-long and when-questions: "ร้องเรียนกี่วันเสร็จ", "ใช้เวลากี่วัน", "เสร็จเมื่อไหร่" (ICU: เมื่อ|ไหร่).
# The story tells the time ("ภายใน 15 วัน", "ลดจาก 42 วันเหลือ 15") without saying it is finished.
HOW_LONG_WORDS: tuple[str, ...] = ("กี่", "ไหร่", "เมื่อไร", "นาน")
DURATION_WORDS: tuple[str, ...] = ("เสร็จ", "ใช้", "เวลา", "ภายใน", "นาน")

# Yes-no questions: "จริงไหม", "จริงหรือเปล่า" (is it true that …) ask whether the story says it.
YES_NO_WORDS: tuple[str, ...] = ("ไหม", "มั้ย", "มั๊ย", "ไม๊", "หรือ", "เปล่า")
DOUBTED_WORDS: tuple[str, ...] = ("จริง",)

# How-much questions: "ลำไยกิโลละเท่าไหร่" (how much a kilo): the story gives the price
# ("กิโลกรัมละ 21 บาท") or a total, and ละ (each) is asked, not written.
HOW_MUCH_WORDS: tuple[str, ...] = ("เท่าไร", "ไหร่", "กี่")
PER_UNIT_WORDS: tuple[str, ...] = ("ละ",)

# What-number questions: "ไฟไหม้โทรเบอร์อะไร", "แจ้งเหตุโทรที่ไหน": the story gives the number
# ("สายด่วน 199") without asking the reader to call it.
WHAT_WHERE_WORDS: tuple[str, ...] = ("อะไร", "ไหน", "ที่ไหน")
CALLING_WORDS: tuple[str, ...] = ("โทร", "เบอร์")

# Who-questions: "ช้างป่าเข้าไร่แจ้งใคร", "ติดต่อใคร": the story names who acts, not the asking.
WHO_WORDS: tuple[str, ...] = ("ใคร",)
CONTACT_WORDS: tuple[str, ...] = ("แจ้ง", "ติดต่อ", "ถาม")

# What-is-needed questions: "เปลี่ยนชื่อต้องใช้เอกสารอะไรบ้าง", "มีขั้นตอนอย่างไร": the story tells
# what to bring and what to do (นำบัตรประชาชนไปยื่นที่อำเภอ) without calling it documents or steps.
# ICU cuts ขั้นตอน into ขั้น|ตอน and หลักฐาน into หลัก|ฐาน.
NEEDED_WORDS: tuple[str, ...] = ("ใช้", "เอกสาร", "ขั้น", "ตอน", "หลัก", "ฐาน")

# Why-questions: "ถนนยุบเกิดจากอะไร", "น้ำท่วมเพราะอะไร", "ทำไมไฟดับบ่อย": the story tells what
# caused it (ท่อประปาแตก, น้ำกัดเซาะดินใต้ถนน) without the words of asking for a cause.
WHY_WORDS: tuple[str, ...] = ("อะไร", "ทำไม")
CAUSE_WORDS: tuple[str, ...] = ("เกิด", "สาเหตุ", "เพราะ")

# How-much and must-I-pay questions: "ทำบัตรเสียเงินเท่าไหร่", "ได้เงินเท่าไหร่", "ต้องจ่ายเงินไหม": the
# story gives the fee or the sum ("ค่าธรรมเนียม 20 บาท", "คนละ 600 บาท") or says it is free, without
# the reader's words for paying. Not ค่า or ใช้ (ICU: ค่า|ใช้|จ่าย): in "ลดค่าใช้จ่ายได้เท่าไหร่" the
# expense is what the story is about, and ลด alone would find every story that reduced anything.
COST_WORDS: tuple[str, ...] = ("เสีย", "เงิน", "จ่าย")

# Who-may questions: "ใครมีสิทธิ์ได้เบี้ยยังชีพ": the story says who receives it, not that they
# have the right to.
RIGHT_WORDS: tuple[str, ...] = ("สิทธิ์", "สิทธิ")

# What-good questions: "มีประโยชน์อย่างไร", "ได้ประโยชน์อะไร": the story tells what came of it.
BENEFIT_WORDS: tuple[str, ...] = ("ประโยชน์",)

# Each pair: when a run has one of the first words, the second need not be found in it.
ASKING: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (HOW_WORDS, ASKED_VERBS),
    (HOW_LONG_WORDS, DURATION_WORDS),
    (YES_NO_WORDS, DOUBTED_WORDS),
    (HOW_MUCH_WORDS, PER_UNIT_WORDS),
    (WHAT_WHERE_WORDS, CALLING_WORDS),
    (WHO_WORDS, CONTACT_WORDS),
    (HOW_WORDS, NEEDED_WORDS),
    (WHY_WORDS, CAUSE_WORDS),
    (HOW_MUCH_WORDS, COST_WORDS),
    (YES_NO_WORDS, COST_WORDS),
    (WHO_WORDS, RIGHT_WORDS),
    (HOW_WORDS, BENEFIT_WORDS),
)
