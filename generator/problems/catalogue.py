"""Every message the tool prints about input, in English and Thai: the one catalogue.

A problem names a code from MESSAGES; its parameters fill the braces. A parameter may itself be a
Fragment (a code from FRAGMENTS with its own parameters), rendered in the same language, so hints
such as "did you mean" are translated here and nowhere else. tests/test_catalogue.py checks that
every code has both languages with the same placeholders.
"""

from __future__ import annotations

# code -> (English, Thai). Parameters in braces are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "file.not_utf8": (
        "the file is not UTF-8{guess}; open it and save it again as UTF-8 "
        "(Notepad: File > Save As > Encoding: UTF-8; VS Code: click the encoding in the status bar, "
        "then 'Save with Encoding' > UTF-8)",
        "ไฟล์ไม่ได้บันทึกเป็น UTF-8{guess} กรุณาเปิดไฟล์แล้วบันทึกใหม่เป็น UTF-8 "
        "(Notepad: File > Save As > Encoding: UTF-8; VS Code: คลิกชื่อการเข้ารหัสที่แถบสถานะ "
        "แล้วเลือก 'Save with Encoding' > UTF-8)",
    ),
    "file.empty": (
        "the file is empty; a write-up needs front-matter between '---' lines and a body",
        "ไฟล์ว่างเปล่า เรื่องเล่าต้องมีส่วนหัว (front-matter) ระหว่างบรรทัด '---' และเนื้อเรื่อง",
    ),
    "file.too_large": (
        "the file is {size_kb} KB; the limit is {limit_kb} KB: split the story in two or move long "
        "tables and lists to a linked document",
        "ไฟล์มีขนาด {size_kb} KB เกินกำหนด {limit_kb} KB กรุณาแบ่งเป็นสองเรื่อง หรือย้ายตารางและรายการยาว ๆ ไปไว้ในเอกสารที่ลิงก์ถึง",
    ),
    "content.name_too_long": (
        "the name '{name}' is {size} bytes long (a Thai letter takes 3); the limit is {limit}: "
        "rename it with a shorter name",
        "ชื่อ '{name}' ยาว {size} ไบต์ (อักษรไทยหนึ่งตัวใช้ 3 ไบต์) เกินกำหนด {limit} ไบต์ กรุณาเปลี่ยนเป็นชื่อที่สั้นลง",
    ),
    "content.same_name": (
        "the name '{name}' is the same text as {others} (only the order or form of its vowel and "
        "tone marks differs), so readers would see two look-alike addresses; neither is published "
        "until one is renamed",
        "ชื่อ '{name}' เป็นข้อความเดียวกับ {others} (ต่างกันเพียงลำดับหรือรูปแบบของสระและวรรณยุกต์) "
        "ผู้อ่านจะเห็นที่อยู่หน้าเว็บสองแห่งที่หน้าตาเหมือนกัน จึงยังไม่เผยแพร่ทั้งสองจนกว่าจะเปลี่ยนชื่ออันหนึ่ง",
    ),
    "file.unreadable": ("the file cannot be read: {reason}", "อ่านไฟล์ไม่ได้: {reason}"),
    "frontmatter.missing": (
        "the file must start with a front-matter block: a line '---', the fields, and another '---'",
        "ไฟล์ต้องขึ้นต้นด้วยส่วนหัว (front-matter): บรรทัด '---' ตามด้วยฟิลด์ต่าง ๆ แล้วปิดด้วย '---'",
    ),
    "frontmatter.unclosed": (
        "the front-matter that starts here is never closed; add a line '---' after the last field",
        "ส่วนหัวที่เริ่มณ ตำแหน่งนี้ไม่มีบรรทัดปิด กรุณาเพิ่มบรรทัด '---' หลังฟิลด์สุดท้าย",
    ),
    "yaml.not_mapping": (
        "{what} must be a list of 'name: value' fields, not {found}",
        "{what} ต้องเป็นรายการฟิลด์แบบ 'ชื่อ: ค่า' ไม่ใช่ {found}",
    ),
    "yaml.syntax": (
        "the YAML cannot be read: {reason}; check the colons, quotes and indentation around here",
        "อ่านส่วนหัวไม่ได้ ณ ตำแหน่งนี้ กรุณาตรวจเครื่องหมาย : เครื่องหมายคำพูด และการย่อหน้าบริเวณนี้ "
        "ให้ตรงกับบรรทัดอื่น (รายละเอียดจากตัวอ่าน YAML: {reason})",
    ),
    "yaml.colon_space": (
        "'{key}:' needs a space after the colon; write the line as: {fixed}",
        "ต้องเว้นวรรคหลังเครื่องหมาย : ของ '{key}' กรุณาแก้บรรทัดนี้เป็น: {fixed}",
    ),
    "yaml.colon_in_value": (
        "the value of '{key}' has a colon ':' in it; put the value in double quotes: {fixed}",
        "ค่าของ '{key}' มีเครื่องหมาย : อยู่ข้างใน กรุณาใส่ค่าในเครื่องหมายคำพูด เป็น: {fixed}",
    ),
    "yaml.list_field_indent": (
        "'{key}' belongs to the entry above but is not lined up with its '{first}:'; indent it the same, as: '{fixed}'",
        "'{key}' เป็นของรายการด้านบน แต่ย่อหน้าไม่ตรงกับ '{first}:' กรุณาย่อหน้าให้ตรงกัน เป็น: '{fixed}'",
    ),
    "yaml.field_not_indented": (
        "'{key}' is written at the left margin, so it is not part of {entry}; indent it under "
        "the photo's 'file:' with four spaces",
        "'{key}' อยู่ชิดซ้าย จึงไม่เป็นส่วนหนึ่งของ {entry} กรุณาย่อหน้า 4 ช่องว่างให้ตรงกับ 'file:' ของภาพนั้น",
    ),
    "yaml.unclosed_quote": (
        "the quotation mark that opens here is never closed; close it at the end of the value",
        "เครื่องหมายคำพูดที่เปิด ณ ตำแหน่งนี้ไม่มีตัวปิด กรุณาใส่เครื่องหมายคำพูดปิดท้ายค่า",
    ),
    "yaml.tab": (
        "a tab is used for indentation; YAML needs spaces{fix}",
        "ใช้แท็บในการย่อหน้า YAML ต้องใช้ช่องว่าง{fix}",
    ),
    "yaml.alias": (
        "anchors and aliases (& and *) are not allowed here; write the value out in full",
        "ไม่อนุญาตให้ใช้ anchor และ alias (& และ *) กรุณาเขียนค่าเต็มแทน",
    ),
    "yaml.too_deep": (
        "the fields are nested more than {limit} levels deep here; a write-up needs two or three",
        "ฟิลด์ซ้อนกันลึกเกิน {limit} ชั้นณ ตำแหน่งนี้ เรื่องเล่าต้องการเพียงสองถึงสามชั้น",
    ),
    "field.not_finite": (
        "must be an ordinary number, not {value}",
        "ต้องเป็นตัวเลขปกติ ไม่ใช่ {value}",
    ),
    "yaml.duplicate_key": (
        "'{key}' is given twice (first at line {first_line}); keep one",
        "'{key}' ซ้ำกัน (ครั้งแรกที่บรรทัด {first_line}) กรุณาเหลือเพียงหนึ่ง",
    ),
    "field.unknown": (
        "unknown field '{key}'{hint}; allowed fields: {allowed}",
        "ไม่รู้จักฟิลด์ '{key}'{hint} ฟิลด์ที่ใช้ได้: {allowed}",
    ),
    "field.missing": ("'{key}' is required{example}", "ต้องระบุ '{key}'{example}"),
    "field.type": ("must be {expected}, not {found}", "ต้องเป็น{expected} ไม่ใช่ {found}"),
    "field.empty": ("must not be empty", "ต้องไม่เว้นว่าง"),
    "field.shape": ("'{value}' is not {shape}", "'{value}' ไม่ถูกต้อง ต้องเป็น {shape}"),
    "field.number_too_large": (
        "is {value}, larger than any figure a result can have (the limit is {limit} either way); "
        "check the number of zeros",
        "มีค่า {value} ซึ่งมากเกินกว่าตัวเลขผลลัพธ์ใด ๆ (ไม่เกิน {limit} ทั้งค่าบวกและลบ) กรุณาตรวจจำนวนเลขศูนย์",
    ),
    "field.unsafe_char": (
        "holds the control character {char} (character {position}), which is not text and breaks "
        'feeds, workbooks and terminals; it usually comes from an escape such as "\\x1b" or a '
        "pasted document: delete it and retype the text around it",
        "มีอักขระควบคุม {char} (ตัวที่ {position}) ซึ่งไม่ใช่ตัวอักษร และทำให้ฟีด ไฟล์ Excel และหน้าจอเสีย "
        'มักมาจากรหัสหลีก เช่น "\\x1b" หรือข้อความที่คัดลอกมาจากเอกสาร กรุณาลบออกแล้วพิมพ์ข้อความบริเวณนั้นใหม่',
    ),
    "field.too_long": (
        "is {length} characters long; the limit is {limit} (shorten it by {over})",
        "ยาว {length} ตัวอักษร เกินกำหนด {limit} ตัวอักษร (ให้ตัดออก {over} ตัวอักษร)",
    ),
    "field.too_few": (
        "has {count} entries; it needs at least {least}",
        "มี {count} รายการ ต้องมีอย่างน้อย {least} รายการ",
    ),
    "field.too_many": (
        "has {count} entries; the limit is {limit} (remove {over})",
        "มี {count} รายการ เกินกำหนด {limit} รายการ (ให้ลบออก {over} รายการ)",
    ),
    "field.choice": (
        "'{value}' is not one of {choices}{hint}",
        "'{value}' ไม่ใช่ค่าที่ใช้ได้ ({choices}){hint}",
    ),
    "field.invalid": ("{reason}", "{reason}"),
    "date.format": (
        "'{value}' is not a date; write it as 2024-06-22, 22/06/2567 or 22 มิ.ย. 2567",
        "'{value}' ไม่ใช่วันที่ กรุณาเขียนเป็น 2024-06-22, 22/06/2567 หรือ 22 มิ.ย. 2567",
    ),
    "date.invalid": ("'{value}' is not a real date: {reason}", "'{value}' ไม่ใช่วันที่ที่มีอยู่จริง: {reason}"),
    "pmqa.invalid": (
        "'{value}' is not a PMQA 4.0 category ({categories}) or item ({items}){hint}",
        "'{value}' ไม่ใช่หมวด ({categories}) หรือหัวข้อ ({items}) ของ PMQA 4.0{hint}",
    ),
    "pmqa.duplicate": ("'{value}' is listed twice", "'{value}' ระบุซ้ำ"),
    "photo.consent_needed": (
        "this photo shows {shown} (people: {people}): publish it only with consent; add 'basis: consent' "
        "once the people shown (or a minor's parent) have agreed in writing, or choose another photo",
        "ภาพนี้มี{shown} (people: {people}) เผยแพร่ได้เมื่อได้รับความยินยอมโดยชัดแจ้งเท่านั้น "
        "เมื่อได้รับความยินยอมเป็นหนังสือแล้ว (ผู้เยาว์: จากผู้ปกครอง) กรุณาเพิ่ม 'basis: consent' ใต้ภาพนี้ หรือเลือกภาพอื่น",
    ),
    "photo.basis_missing": (
        "this photo shows identifiable people: say on which basis it is published, 'basis: public_task' "
        "(the office's public work) or 'basis: consent'",
        "ภาพนี้เห็นหน้าบุคคลชัดเจน กรุณาระบุฐานในการเผยแพร่ใต้ภาพนี้: 'basis: public_task' (งานตามภารกิจของหน่วยงาน) "
        "หรือ 'basis: consent' (ได้รับความยินยอม)",
    ),
    "story.office_not_folder": (
        "office: '{value}' is not the office whose folder this is ('{folder}'): move the folder to "
        "content/{value}/ or write office: {folder}",
        "'office: {value}' ไม่ตรงกับโฟลเดอร์ของหน่วยงาน ('{folder}') กรุณาย้ายโฟลเดอร์ไปไว้ใน 'content/{value}/' "
        "หรือแก้เป็น 'office: {folder}'",
    ),
    "story.slug_not_folder": (
        "slug: '{value}' is not this story's folder ('{folder}'): rename the folder to {value} or write slug: {folder}",
        "'slug: {value}' ไม่ตรงกับชื่อโฟลเดอร์ของเรื่อง ('{folder}') กรุณาเปลี่ยนชื่อโฟลเดอร์เป็น '{value}' "
        "หรือแก้เป็น 'slug: {folder}'",
    ),
    "story.unknown_partner": (
        "partner '{value}' is not an office id in offices.yml{hint}",
        "หน่วยงานที่ร่วมดำเนินการ '{value}' ไม่มีใน offices.yml{hint}",
    ),
    "story.reporter_required": (
        "write-ups dated from {since} name who reported them: add reported_by: with name: and position:",
        "เรื่องเล่าที่ลงวันที่ตั้งแต่ {since} ต้องระบุผู้รายงาน กรุณาเพิ่ม 'reported_by:' พร้อม 'name:' และ 'position:'",
    ),
    "submission.applicant": (
        "a submission's file is named after its applicant, a department, province or office in "
        "offices.yml; '{value}' is none{hint}",
        "ชื่อไฟล์ของเอกสารประกอบการสมัครต้องเป็นรหัสหน่วยงานผู้สมัคร (กรม จังหวัด หรือสำนักงาน) ใน offices.yml "
        "แต่ '{value}' ไม่ใช่{hint}",
    ),
    "submission.item": (
        "'{value}' is not an item of categories 1-6 (1.1 … 6.4); category 7 goes under indicators",
        "'{value}' ไม่ใช่หัวข้อของหมวด 1-6 (1.1 … 6.4) หมวด 7 กรุณาใส่ไว้ใต้ 'indicators'",
    ),
    "submission.indicator_item": (
        "'{value}' is not an item of category 7 (7.1 … 7.6)",
        "'{value}' ไม่ใช่หัวข้อของหมวด 7 (7.1 … 7.6)",
    ),
    "submission.not_pdf": (
        "'{value}' must be a PDF (.pdf): assessors read documents as PDF",
        "'{value}' ต้องเป็นไฟล์ PDF (นามสกุล '.pdf') เพราะผู้ตรวจประเมินอ่านเอกสารเป็น PDF",
    ),
    "submission.document_missing": (
        "document '{value}' is not in the folder {folder}",
        "ไม่พบเอกสาร '{value}' ในโฟลเดอร์ {folder}",
    ),
    "photo.path": (
        "'{value}' must be a file name in the write-up's own folder, with no '/' or '..'",
        "'{value}' ต้องเป็นชื่อไฟล์ในโฟลเดอร์เดียวกับเรื่อง ห้ามมี '/' หรือ '..'",
    ),
    "photo.not_found": (
        "photo '{value}' is not in the folder {folder}{hint}",
        "ไม่พบรูป '{value}' ในโฟลเดอร์ {folder}{hint}",
    ),
    "photo.type": (
        "'{value}' is {found}, not a photo; use JPEG, PNG, WebP or HEIC",
        "'{value}' เป็น{found} ไม่ใช่รูปภาพที่ใช้ได้ กรุณาใช้ JPEG, PNG, WebP หรือ HEIC",
    ),
    "photo.extension": (
        "'{value}' has the extension '{ext}'; photos must end in .jpg, .jpeg, .png, .webp or .heic",
        "'{value}' มีนามสกุล '{ext}' รูปต้องมีนามสกุล .jpg, .jpeg, .png, .webp หรือ .heic",
    ),
    "photo.too_many_scans": (
        "'{value}' is a progressive JPEG with more than {limit} scans (cameras write about a dozen); "
        "it would take minutes to process: open it and save it again as an ordinary JPEG",
        "'{value}' เป็นไฟล์ JPEG แบบ progressive ที่มีมากกว่า {limit} ชั้น (กล้องทั่วไปมีราวสิบชั้น) "
        "จะใช้เวลาประมวลผลหลายนาที กรุณาเปิดไฟล์แล้วบันทึกใหม่เป็น JPEG ธรรมดา",
    ),
    "photo.corrupt": (
        "'{value}' cannot be decoded ({reason}); export the photo again",
        "ถอดรหัสรูป '{value}' ไม่ได้ ({reason}) กรุณาส่งออกรูปใหม่อีกครั้ง",
    ),
    "photo.too_many_pixels": (
        "'{value}' is {width}×{height} ({megapixels} megapixels); the limit is {limit} megapixels: resize it",
        "'{value}' มีขนาด {width}×{height} ({megapixels} ล้านพิกเซล) เกินกำหนด {limit} ล้านพิกเซล กรุณาย่อขนาดรูป",
    ),
    "photo.too_large": (
        "'{value}' is {size_mb} MB; the limit is {limit_mb} MB: save it at a smaller size or quality",
        "'{value}' มีขนาด {size_mb} MB เกินกำหนด {limit_mb} MB กรุณาบันทึกรูปให้เล็กลง",
    ),
    "photo.unreferenced": (
        "photo '{value}' is in the folder but no write-up lists it under 'photos', so it is not published",
        "รูป '{value}' อยู่ในโฟลเดอร์แต่ไม่ได้ระบุไว้ใน 'photos' จึงจะไม่ถูกเผยแพร่",
    ),
    "photo.duplicate": ("'{value}' is listed twice", "'{value}' ระบุซ้ำ"),
    "body.empty": (
        "the write-up has no text after the front-matter; tell the story below the closing '---'",
        "ไม่มีเนื้อเรื่องหลังส่วนหัว กรุณาเขียนเรื่องใต้บรรทัด '---' ที่ปิดส่วนหัว",
    ),
    "body.unfilled": (
        "the story has only the template's headings; write the story under them (and remove the "
        "notes between <!-- and -->)",
        "เรื่องเล่ายังมีเพียงหัวข้อจากแม่แบบ กรุณาเขียนเรื่องใต้หัวข้อแต่ละข้อ (และลบข้อความระหว่าง <!-- กับ --> ออก)",
    ),
    "body.unsafe_html": (
        "{what} is not allowed: it could run script on the public site; remove it{hint}",
        "ไม่อนุญาต {what} เพราะอาจรันสคริปต์บนเว็บไซต์สาธารณะได้ กรุณาลบออก{hint}",
    ),
    "body.unsafe_char": (
        "the control character {char} (column {position}) is not text: it breaks feeds and "
        "terminals and usually comes from a pasted document; delete it and retype the text around it",
        "อักขระควบคุม {char} (คอลัมน์ที่ {position}) ไม่ใช่ตัวอักษร ทำให้ฟีดและหน้าจอเสีย "
        "มักมาจากข้อความที่คัดลอกมาจากเอกสาร กรุณาลบออกแล้วพิมพ์ข้อความบริเวณนั้นใหม่",
    ),
    "body.refused_link": (
        "a '{scheme}:' link is not made a link (it could run script or hide content) and shows as its "
        "Markdown text; link to an https:// address, or show a photo listed under 'photos'",
        "ลิงก์แบบ '{scheme}:' จะไม่ถูกสร้างเป็นลิงก์ (อาจรันสคริปต์หรือซ่อนเนื้อหาได้) และจะแสดงเป็นข้อความ Markdown "
        "ให้ลิงก์ไปยังที่อยู่ https:// หรือแสดงภาพที่ระบุไว้ใน 'photos'",
    ),
    "body.removed": (
        "{what} would be removed from the published page, so it is not allowed{hint}",
        "{what} จะถูกตัดออกจากหน้าที่เผยแพร่ จึงใช้ไม่ได้{hint}",
    ),
    "body.image_elsewhere": (
        "the image '{src}' is not one of this story's photos; a body may show only photos in the "
        "story's folder that are listed under 'photos'{listed}",
        "รูป '{src}' ไม่ใช่รูปของเรื่องนี้ ในเนื้อเรื่องแสดงได้เฉพาะรูปในโฟลเดอร์ของเรื่องที่ระบุไว้ใน 'photos'{listed}",
    ),
    "body.unclosed_comment": (
        "the HTML comment '<!--' that starts here is never closed with '-->', so the rest of the story "
        "would be hidden; close it or remove it",
        "คอมเมนต์ HTML '<!--' ที่เริ่มณ ตำแหน่งนี้ไม่มี '-->' ปิด เนื้อเรื่องที่เหลือทั้งหมดจะถูกซ่อน กรุณาปิดหรือลบออก",
    ),
    "body.text_lost": (
        "the text '{text}' would be lost from the published page; write it as plain text",
        "ข้อความ '{text}' จะหายไปจากหน้าที่เผยแพร่ กรุณาเขียนเป็นข้อความธรรมดา",
    ),
    "synonyms.repeated": (
        "'{value}' is already in group {group}; a spelling belongs to one group (merge the two)",
        "'{value}' อยู่ในกลุ่มที่ {group} แล้ว คำหนึ่งควรอยู่ในกลุ่มเดียว (ให้รวมสองกลุ่มนี้)",
    ),
    "config.logo_name": (
        "'{value}' must be the name of a .svg, .png or .webp file in the content folder (no '/')",
        "'{value}' ต้องเป็นชื่อไฟล์ .svg .png หรือ .webp ในโฟลเดอร์เนื้อหา (ไม่มี '/')",
    ),
    "config.logo_file": (
        "the logo '{value}' {reason}",
        "โลโก้ '{value}' {reason}",
    ),
    "content.missing": (
        "the content folder {folder} does not exist",
        "ไม่พบโฟลเดอร์เนื้อหา {folder}",
    ),
    "content.registry_missing": (
        "there is no offices.yml in {folder}; it lists the offices that may publish",
        "ไม่พบไฟล์ offices.yml ใน {folder} ซึ่งเป็นรายชื่อหน่วยงานที่เผยแพร่เรื่องได้",
    ),
    "content.unknown_office": (
        "the folder '{office}' is not an office id in offices.yml{hint}",
        "โฟลเดอร์ '{office}' ไม่ใช่รหัสหน่วยงานใน offices.yml{hint}",
    ),
    "content.misplaced": (
        "write-ups belong at content/<office-id>/<story-slug>/index.md; this file is not read",
        "เรื่องต้องอยู่ที่ content/<รหัสหน่วยงาน>/<ชื่อเรื่อง>/index.md ไฟล์นี้จะไม่ถูกอ่าน",
    ),
    "content.symlink": (
        "this is a symbolic link; links are never followed (they could reach files outside content/): "
        "put the real file or folder here instead",
        "รายการนี้เป็นลิงก์ (symbolic link) ซึ่งจะไม่ถูกอ่าน เพราะอาจชี้ไปยังไฟล์นอกโฟลเดอร์ content/ กรุณาวางไฟล์หรือโฟลเดอร์จริงไว้ที่นี่แทน",
    ),
    "content.not_regular": (
        "this is neither a file nor a folder (a pipe or a device); remove it",
        "รายการนี้ไม่ใช่ไฟล์หรือโฟลเดอร์ (เช่น pipe หรือ device) กรุณาลบออก",
    ),
    "content.no_index": (
        "the story folder has no index.md, so it is not published",
        "โฟลเดอร์เรื่องไม่มีไฟล์ index.md จึงจะไม่ถูกเผยแพร่",
    ),
    "content.bad_slug": (
        "the folder name '{slug}' becomes the page address; use lower-case letters, digits, Thai and "
        "'-' only (for example '{suggestion}')",
        "ชื่อโฟลเดอร์ '{slug}' จะเป็นที่อยู่หน้าเว็บ กรุณาใช้ตัวพิมพ์เล็ก ตัวเลข ภาษาไทย และ '-' เท่านั้น (เช่น '{suggestion}')",
    ),
    "registry.bad_id": (
        "office id '{value}' must be lower-case a-z, 0-9 and '-'",
        "รหัสหน่วยงาน '{value}' ต้องประกอบด้วย a-z, 0-9 และ '-' เท่านั้น",
    ),
    "registry.reserved_id": (
        "office id '{value}' is used by the site itself ({reserved}); choose another",
        "รหัสหน่วยงาน '{value}' ถูกใช้โดยเว็บไซต์แล้ว ({reserved}) กรุณาใช้รหัสอื่น",
    ),
    "registry.duplicate_id": (
        "office id '{value}' is given twice (first at line {first_line})",
        "รหัสหน่วยงาน '{value}' ซ้ำกัน (ครั้งแรกที่บรรทัด {first_line})",
    ),
    "registry.unknown_parent": (
        "parent '{value}' is not an office id in this file{hint}",
        "หน่วยงานต้นสังกัด '{value}' ไม่มีในไฟล์นี้{hint}",
    ),
    "registry.parent_cycle": (
        "office '{value}' is its own ancestor through 'parent'",
        "หน่วยงาน '{value}' เป็นหน่วยงานต้นสังกัดของตัวเองผ่าน 'parent'",
    ),
    "registry.bad_province": (
        "'{value}' is not an ISO 3166-2:TH province code (TH-10 Bangkok … TH-96)",
        "'{value}' ไม่ใช่รหัสจังหวัดตาม ISO 3166-2:TH (TH-10 กรุงเทพมหานคร … TH-96)",
    ),
    "registry.province_id": (
        "a province's id must be 'th-{digits}' to match its province {province}",
        "รหัสของจังหวัดต้องเป็น 'th-{digits}' ให้ตรงกับจังหวัด {province}",
    ),
    "registry.unknown_line": (
        "line office '{value}' is not an office id in this file{hint}",
        "หน่วยงานต้นสังกัดในสายงาน '{value}' ไม่มีในไฟล์นี้{hint}",
    ),
    "config.missing": (
        "the site configuration {file} does not exist",
        "ไม่พบไฟล์ตั้งค่าเว็บไซต์ {file}",
    ),
    "build.failed": ("the site could not be built: {reason}", "สร้างเว็บไซต์ไม่สำเร็จ: {reason}"),
    "publish.no_site": (
        "{site} is not a site built by moinext; run `moinext build` first",
        "{site} ไม่ใช่เว็บไซต์ที่ moinext สร้าง กรุณาสั่ง moinext build ก่อน",
    ),
    "publish.drafts": (
        "{site} was built with --drafts: it holds drafts and stories dated after the day it was "
        "built, which are not for the public; build it again without --drafts, then publish",
        "{site} สร้างด้วย --drafts จึงมีฉบับร่างและเรื่องที่ลงวันที่ในอนาคต ซึ่งยังไม่เผยแพร่ต่อสาธารณะ "
        "ให้สร้างใหม่โดยไม่ใช้ --drafts แล้วจึงเผยแพร่",
    ),
    "story.alias_shape": (
        "'{value}' is not a former address: give the old folder name (old-name) or office/folder "
        "(th-50/old-name) of small letters, digits, Thai and single hyphens",
        "'{value}' ไม่ใช่ที่อยู่เดิม: กรุณาระบุชื่อโฟลเดอร์เดิม (old-name) หรือ สำนักงาน/ชื่อโฟลเดอร์ (th-50/old-name) "
        "ที่ใช้ตัวอักษรอังกฤษตัวเล็ก ตัวเลข ภาษาไทย และขีดกลางทีละตัว",
    ),
    "story.alias_office": (
        "former address '{alias}': there is no office '{office}' in offices.yml",
        "ที่อยู่เดิม '{alias}': ไม่มีสำนักงาน '{office}' ใน offices.yml",
    ),
    "story.alias_taken": (
        "former address '{alias}' is taken by {other}: two stories cannot share an address; remove it here (or there)",
        "ที่อยู่เดิม '{alias}' ถูกใช้แล้วโดย {other} สองเรื่องใช้ที่อยู่เดียวกันไม่ได้ กรุณาลบออกที่นี่ (หรือที่นั่น)",
    ),
    "story.alias_own": (
        "former address '{alias}' is this story's own address: remove it",
        "ที่อยู่เดิม '{alias}' คือที่อยู่ปัจจุบันของเรื่องนี้เอง กรุณาลบออก",
    ),
    "publish.records_overlap": (
        "records.prefix '{records}' and the site's prefix '{site}' overlap: one folder would hold the "
        "other's files; give the records a folder outside the site's (or a bucket of their own)",
        "records.prefix '{records}' ซ้อนกับ prefix ของเว็บไซต์ '{site}': ไฟล์ของสองส่วนจะปนกัน "
        "ให้เก็บบันทึกไว้ในโฟลเดอร์นอกโฟลเดอร์ของเว็บไซต์ (หรือใน bucket ของตัวเอง)",
    ),
    "publish.records_public": (
        "the records ({records}: release manifests and the copies kept for rollback, withdrawn stories "
        "included) are inside the site's folder, so this policy lets anyone read them; keep them apart: "
        "publish.targets.<name>.records with a prefix outside the site's, or a bucket of their own",
        "บันทึกการเผยแพร่ ({records}: รายการไฟล์แต่ละรุ่น และสำเนาที่เก็บไว้เพื่อย้อนกลับ รวมถึงเรื่องที่ถอนแล้ว) "
        "อยู่ในโฟลเดอร์ของเว็บไซต์ นโยบายนี้จึงเปิดให้ทุกคนอ่านได้ กรุณาแยกเก็บ: ตั้ง publish.targets.<name>.records "
        "เป็น prefix นอกโฟลเดอร์ของเว็บไซต์ หรือ bucket ของตัวเอง",
    ),
    "publish.not_s3": (
        "target '{target}' is not an S3 bucket: a bucket policy is for S3 targets",
        "ปลายทาง '{target}' ไม่ใช่ S3 bucket: นโยบาย bucket ใช้กับปลายทางแบบ S3 เท่านั้น",
    ),
    "publish.takedown_path": (
        "'{path}' is not a path of the site: give a story's folder as its address shows it, e.g. th-50/my-story/",
        "'{path}' ไม่ใช่ที่อยู่ในเว็บไซต์: กรุณาระบุโฟลเดอร์ของเรื่องตามที่อยู่ของหน้า เช่น th-50/my-story/",
    ),
    "publish.no_site_url": (
        "site_config.yml has no site_url: the public site needs its address before it is published "
        "(shared stories show their photo on LINE and Facebook, feeds and the sitemap hold whole "
        "addresses); add it, e.g. site_url: https://moinext.moi.go.th/, then build again",
        "site_config.yml ยังไม่มี site_url: เว็บไซต์ต้องมีที่อยู่ก่อนเผยแพร่ (เพื่อให้ภาพของเรื่องแสดงเมื่อแชร์ทาง LINE "
        "และ Facebook และฟีดกับแผนผังเว็บไซต์มีที่อยู่เต็ม) กรุณาเพิ่ม เช่น site_url: https://moinext.moi.go.th/ "
        "แล้วสร้างเว็บไซต์ใหม่",
    ),
    "publish.no_targets": (
        "site_config.yml names no publishing target; add one under publish: targets: (see the README, Publishing)",
        "site_config.yml ยังไม่ได้กำหนดปลายทางเผยแพร่ กรุณาเพิ่มใต้ publish: targets: (ดู README หัวข้อ Publishing)",
    ),
    "publish.choose_target": (
        "several publishing targets ({targets}): name one, e.g. `moinext publish {first}`",
        "มีปลายทางเผยแพร่หลายแห่ง ({targets}) กรุณาระบุชื่อ เช่น moinext publish {first}",
    ),
    "publish.unknown_target": ("no publishing target named '{target}'{hint}", "ไม่มีปลายทางเผยแพร่ชื่อ '{target}'{hint}"),
    "publish.failed": (
        "publishing to {target} stopped: {reason}",
        "เผยแพร่ไปที่ {target} ไม่สำเร็จ: {reason}",
    ),
}


# Parts of messages: hints, guesses and descriptions that a problem's parameters name by code.
FRAGMENTS: dict[str, tuple[str, str]] = {
    "shape.bucket": (
        "a bucket's name: 3 to 63 small letters, digits, '.' and '-', starting and ending with a letter or digit",
        "ชื่อ bucket: ตัวอักษรอังกฤษตัวเล็ก ตัวเลข '.' และ '-' ยาว 3 ถึง 63 ตัว ขึ้นต้นและลงท้ายด้วยตัวอักษรหรือตัวเลข",
    ),
    "shape.key_prefix": (
        "a folder in the bucket ending in '/', e.g. www/ (letters, digits, '_', '-', '.'; no part starting with '.')",
        "โฟลเดอร์ใน bucket ลงท้ายด้วย '/' เช่น www/ (ตัวอักษร ตัวเลข '_' '-' '.' และไม่มีส่วนใดขึ้นต้นด้วย '.')",
    ),
    "shape.web_address": ("an address starting with https://", "ที่อยู่เว็บที่ขึ้นต้นด้วย https://"),
    "shape.region": ("a region such as ap-southeast-1", "region เช่น ap-southeast-1"),
    "shape.destination": (
        "user@host:/folder or /folder, e.g. deploy@web1.example.go.th:/srv/moinext (no spaces, quotes or "
        "; & | ` $; no part starting with '-')",
        "user@host:/folder หรือ /folder เช่น deploy@web1.example.go.th:/srv/moinext (ห้ามมีช่องว่าง เครื่องหมายคำพูด "
        "หรือ ; & | ` $ และไม่มีส่วนใดขึ้นต้นด้วย '-')",
    ),
    "shape.target_name": (
        "a name of small letters, digits, '_' and '-', e.g. production",
        "ชื่อที่ใช้ตัวอักษรอังกฤษตัวเล็ก ตัวเลข '_' และ '-' เช่น production",
    ),
    "hint.indent_spaces": (
        " (start this line with {spaces} spaces instead of the tab, lined up with the line above)",
        " (ให้ขึ้นต้นบรรทัดนี้ด้วยช่องว่าง {spaces} ช่องแทนแท็บ ให้ตรงกับบรรทัดข้างบน)",
    ),
    "hint.no_indent": (
        " (remove the tab: this line starts at the left edge, like the line above)",
        " (ให้ลบแท็บออก บรรทัดนี้ต้องชิดซ้ายเหมือนบรรทัดข้างบน)",
    ),
    "hint.did_you_mean": (" (did you mean '{value}'?)", " (หมายถึง '{value}' หรือไม่)"),
    "hint.case_sensitive": (
        " (did you mean '{value}'? names are case-sensitive)",
        " (หมายถึง '{value}' หรือไม่ ตัวพิมพ์เล็ก/ใหญ่ต้องตรงกัน)",
    ),
    "hint.write_just": (" (write just {value})", " (ให้เขียนเพียง {value})"),
    "hint.category_items": (
        " (category {category} has items {category}.1–{last})",
        " (หมวด {category} มีหัวข้อ {category}.1–{last})",
    ),
    "hint.code_block": (
        " (to show code, put it between ``` lines)",
        " (ถ้าต้องการแสดงโค้ด กรุณาใส่ไว้ระหว่างบรรทัด ```)",
    ),
    "example.field": (" (for example: {example})", " (ตัวอย่าง: {example})"),
    "guess.windows874": (" (it looks like Thai Windows-874/TIS-620)", " (น่าจะเป็นรหัส Windows-874/TIS-620)"),
    "what.front_matter": ("the front-matter", "ส่วนหัว"),
    "what.tag": ("<{tag}>", "แท็ก <{tag}>"),
    "what.event_attribute": ("the event attribute '{name}='", "แอตทริบิวต์ '{name}='"),
    "what.scheme_link": ("a '{scheme}:' link", "ลิงก์ '{scheme}:'"),
    "what.class": ("the class '{name}'", "คลาส '{name}'"),
    "what.reserved_id": ("the id '{value}'", "id '{value}'"),
    "what.attribute": ("the attribute '{name}' on <{tag}>", "แอตทริบิวต์ '{name}' ของแท็ก <{tag}>"),
    "hint.listed_photos": (" (listed: {photos})", " (ที่ระบุไว้: {photos})"),
    "hint.no_photos_listed": (
        " (none is listed yet: add the file to the folder and to 'photos' with its 'alt')",
        " (ยังไม่ได้ระบุรูปใด กรุณาใส่ไฟล์ในโฟลเดอร์และระบุใน 'photos' พร้อม 'alt')",
    ),
    "hint.allowed_html": (
        " (a body may use Markdown, and HTML for text, links, lists, tables and the story's own photos)",
        " (ในเนื้อเรื่องใช้ Markdown ได้ และใช้ HTML ได้เฉพาะข้อความ ลิงก์ รายการ ตาราง และรูปของเรื่องเอง)",
    ),
    "hint.allowed_classes": (
        " (the classes a body may use are the boxes '!!! note', '!!! tip', '!!! warning' and the like)",
        " (คลาสที่ใช้ได้คือกล่องข้อความ เช่น '!!! note' '!!! tip' '!!! warning')",
    ),
    "hint.reserved_id": (
        " (ids starting with {prefixes} belong to the site's own page and its photo viewer; choose another)",
        " (id ที่ขึ้นต้นด้วย {prefixes} เป็นของหน้าเว็บเองและตัวแสดงภาพ กรุณาใช้ชื่ออื่น)",
    ),
    "reason.logo_missing": ("is not a file in {folder}", "ไม่ใช่ไฟล์ในโฟลเดอร์ {folder}"),
    "reason.logo_large": ("is larger than {limit_kb} KB; save it smaller", "ใหญ่กว่า {limit_kb} KB กรุณาบันทึกให้เล็กลง"),
    "reason.logo_unsafe": (
        "is an SVG with {what}, which a browser could run or fetch; export it again as a plain drawing (or use a .png)",
        "เป็น SVG ที่มี {what} ซึ่งเบราว์เซอร์อาจเรียกใช้หรือโหลดได้ กรุณาส่งออกใหม่เป็นภาพวาดธรรมดา (หรือใช้ .png)",
    ),
    "people.minors": ("minors", "ผู้เยาว์"),
    "people.sensitive": (
        "health, disability or another sensitive situation",
        "ข้อมูลอ่อนไหว เช่น สุขภาพหรือความพิการ",
    ),
    "month.days": ("{month} {year} BE has {days} days", "{month} {year} มี {days} วัน"),
    "month.1": ("January", "มกราคม"),
    "month.2": ("February", "กุมภาพันธ์"),
    "month.3": ("March", "มีนาคม"),
    "month.4": ("April", "เมษายน"),
    "month.5": ("May", "พฤษภาคม"),
    "month.6": ("June", "มิถุนายน"),
    "month.7": ("July", "กรกฎาคม"),
    "month.8": ("August", "สิงหาคม"),
    "month.9": ("September", "กันยายน"),
    "month.10": ("October", "ตุลาคม"),
    "month.11": ("November", "พฤศจิกายน"),
    "month.12": ("December", "ธันวาคม"),
    "sniff.pdf": ("a PDF document", "เอกสาร PDF"),
    "sniff.zip": ("a ZIP or Office document", "ไฟล์ ZIP หรือเอกสาร Office"),
    "sniff.heic": ("a HEIC photo that cannot be read (export it as JPEG)", "รูป HEIC ที่อ่านไม่ได้ (กรุณาส่งออกเป็น JPEG)"),
    "sniff.empty": ("an empty file", "ไฟล์ว่าง"),
    "sniff.other": ("not an image file", "ไฟล์ที่ไม่ใช่รูปภาพ"),
    "sniff.format": ("a {format} image", "รูปแบบ {format}"),
    "reason.cut_off": ("the file is cut off before its end", "ไฟล์ถูกตัดขาดก่อนจบ"),
    "found.nothing": ("nothing", "ค่าว่าง"),
    "found.bool": ("{value} (true/false)", "{value} (ค่าจริง/เท็จ)"),
    "found.number": ("the number {value}", "ตัวเลข {value}"),
    "found.text": ("the text '{value}'", "ข้อความ '{value}'"),
    "found.list": ("a list", "รายการ"),
    "found.fields": ("a group of fields", "กลุ่มของฟิลด์"),
    "found.other": ("a value of type {value}", "ค่าชนิด {value}"),
    "expected.text": ("text", "ข้อความ"),
    "expected.list": ("a list (one '- ' line per entry)", "รายการ (บรรทัดละรายการ ขึ้นต้นด้วย '- ')"),
    "expected.bool": ("true or false", "true หรือ false"),
    "expected.int": ("a whole number", "จำนวนเต็ม"),
    "expected.number": ("a number", "ตัวเลข"),
    "expected.fields": ("fields written 'name: value'", "ฟิลด์แบบ 'ชื่อ: ค่า'"),
    "expected.office_list": ("a list of offices", "รายการหน่วยงาน"),
}


# How a field is named in Thai messages: words a writer reads ("ภาพที่ 1 › ไฟล์"), not the YAML path
# ("photos[0].file"); the English messages keep the path, which is what the file says.
FIELD_WORDS_TH: dict[str, str] = {
    "title": "ชื่อเรื่อง",
    "date": "วันที่",
    "rer": "RER",
    "pmqa": "PMQA ข้อ",
    "summary": "สรุป",
    "photos": "ภาพ",
    "file": "ไฟล์",
    "alt": "คำอธิบายภาพ",
    "caption": "คำบรรยายภาพ",
    "people": "บุคคลในภาพ",
    "basis": "ฐานในการเผยแพร่",
    "tags": "แท็ก",
    "results": "ผลลัพธ์",
    "indicator": "ตัวชี้วัด",
    "before": "ค่าก่อน",
    "after": "ค่าหลัง",
    "unit": "หน่วย",
    "draft": "ฉบับร่าง",
    "featured": "เรื่องเด่น",
    "offices": "หน่วยงาน",
    "name_th": "ชื่อไทย",
    "name_en": "ชื่ออังกฤษ",
    "abbr_th": "ชื่อย่อ",
    "parent": "สังกัด",
    "line": "สายงาน",
    "field_units": "หน่วยงานภูมิภาคและอำเภอ",
    "profile": "ลักษณะสำคัญขององค์การ",
    "reported_by": "ผู้รายงาน",
    "approved_by": "ผู้รับรอง",
    "partners": "ร่วมกับ",
    "internal": "บันทึกภายใน",
    "items": "หัวข้อ",
    "indicators": "ตัวชี้วัด",
    "improvements": "แผนพัฒนา",
    "level": "ระดับ",
    "owner": "ผู้รับผิดชอบ",
    "explanation": "คำอธิบาย",
    "documents": "เอกสาร",
    "fiscal_year": "ปีงบประมาณ",
    "provincial_office": "สำนักงานจังหวัด",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "kind": "ประเภท",
    "groups": "กลุ่ม",
}
