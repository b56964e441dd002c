"""The fixed translations of the bilingual documents (consent form, integration plan).

German first, then each other language of ``languages.LANGUAGES`` (a test checks that every
offered language has every text). Kept as code, so a change is reviewed like code.
"""

from __future__ import annotations

CONSENT_TEXT: dict[str, dict[str, str]] = {
    "de": {
        "title": "Einwilligung in die Verarbeitung personenbezogener Daten – "
        "Integrationsmanagement",
        "intro": "Ich nehme freiwillig am Integrationsmanagement teil. Ich bin damit "
        "einverstanden, dass meine Angaben für die Beratung gespeichert und verarbeitet werden.",
        "voluntary": "Die Einwilligung ist freiwillig. Wenn ich nicht einwillige, entstehen mir "
        "keine Nachteile.",
        "withdraw": "Ich kann die Einwilligung jederzeit ohne Angabe von Gründen widerrufen. Der "
        "Widerruf gilt für die Zukunft.",
        "purposes": "Ich willige ein in (bitte ankreuzen):",
        "retention": "Meine Daten werden {period} nach Ende der Beratung anonymisiert. Ich "
        "habe das Recht auf Auskunft, Berichtigung und Löschung.",
        "name": "Name",
        "place_date": "Ort, Datum",
        "signature": "Unterschrift",
    },
    "en": {
        "title": "Consent to the processing of personal data – integration management",
        "intro": "I take part in integration management voluntarily. I agree that my "
        "information is stored and processed for counselling.",
        "voluntary": "Consent is voluntary. If I do not consent, I will suffer no disadvantage.",
        "withdraw": "I can withdraw my consent at any time without giving reasons. The "
        "withdrawal applies to the future.",
        "purposes": "I consent to (please tick):",
        "retention": "My data will be anonymised {period} after counselling ends. I have the "
        "right to access, rectification and erasure.",
        "name": "Name",
        "place_date": "Place, date",
        "signature": "Signature",
    },
    "ar": {
        "title": "الموافقة على معالجة البيانات الشخصية – إدارة الاندماج",
        "intro": "أشارك في إدارة الاندماج بشكل طوعي. أوافق على حفظ بياناتي ومعالجتها لغرض "
        "الاستشارة.",
        "voluntary": "الموافقة طوعية. إذا لم أوافق، فلن يلحق بي أي ضرر.",
        "withdraw": "يمكنني سحب موافقتي في أي وقت دون ذكر الأسباب. يسري السحب على المستقبل.",
        "purposes": "أوافق على (يرجى وضع علامة):",
        "retention": "سيتم إخفاء هوية بياناتي بعد {days} يومًا من انتهاء الاستشارة. لي الحق في "
        "الاطلاع والتصحيح والحذف.",
        "name": "الاسم",
        "place_date": "المكان، التاريخ",
        "signature": "التوقيع",
    },
    "uk": {
        "title": "Згода на обробку персональних даних – менеджмент інтеграції",
        "intro": "Я добровільно беру участь у менеджменті інтеграції. Я погоджуюся, щоб мої "
        "дані зберігалися та оброблялися для консультування.",
        "voluntary": "Згода є добровільною. Якщо я не погоджуюся, для мене не буде жодних "
        "негативних наслідків.",
        "withdraw": "Я можу будь-коли відкликати згоду без пояснення причин. Відкликання діє на "
        "майбутнє.",
        "purposes": "Я погоджуюся на (будь ласка, позначте):",
        "retention": "Мої дані будуть анонімізовані через {days} днів після завершення "
        "консультування. Я маю право на доступ, виправлення та видалення.",
        "name": "Ім'я",
        "place_date": "Місце, дата",
        "signature": "Підпис",
    },
    "fa": {
        "title": "رضایت به پردازش داده‌های شخصی – مدیریت ادغام",
        "intro": "من داوطلبانه در مدیریت ادغام شرکت می‌کنم. موافقم که اطلاعاتم برای مشاوره "
        "ذخیره و پردازش شود.",
        "voluntary": "این رضایت داوطلبانه است. اگر رضایت ندهم، هیچ زیانی متوجه من نمی‌شود.",
        "withdraw": "می‌توانم هر زمان بدون ذکر دلیل رضایتم را پس بگیرم. پس گرفتن رضایت برای "
        "آینده اعتبار دارد.",
        "purposes": "من رضایت می‌دهم به (لطفاً علامت بزنید):",
        "retention": "داده‌های من {days} روز پس از پایان مشاوره بی‌نام می‌شوند. من حق دسترسی، "
        "اصلاح و حذف دارم.",
        "name": "نام",
        "place_date": "مکان، تاریخ",
        "signature": "امضا",
    },
    "tr": {
        "title": "Kişisel verilerin işlenmesine onay – entegrasyon yönetimi",
        "intro": "Entegrasyon yönetimine gönüllü olarak katılıyorum. Bilgilerimin danışmanlık "
        "için saklanmasını ve işlenmesini kabul ediyorum.",
        "voluntary": "Onay gönüllüdür. Onay vermezsem hiçbir dezavantaj yaşamam.",
        "withdraw": "Onayımı istediğim zaman gerekçe göstermeden geri alabilirim. Geri alma "
        "gelecek için geçerlidir.",
        "purposes": "Şunlara onay veriyorum (lütfen işaretleyin):",
        "retention": "Verilerim danışmanlığın bitiminden {days} gün sonra anonim hale getirilir. "
        "Bilgi alma, düzeltme ve silme hakkım var.",
        "name": "Ad",
        "place_date": "Yer, tarih",
        "signature": "İmza",
    },
}

PURPOSE_TEXT: dict[str, list[str]] = {
    "en": [
        "Taking part and counselling (processing of my data)",
        "Processing of health data",
        "Passing data on to network partners (referral)",
        "Transfer to another district (Kreis)",
        "Anonymised statistics",
    ],
    "ar": [
        "المشاركة والاستشارة (معالجة بياناتي)",
        "معالجة البيانات الصحية",
        "نقل البيانات إلى شركاء الشبكة (الإحالة)",
        "النقل إلى دائرة (كرايس) أخرى",
        "إحصاءات مجهولة الهوية",
    ],
    "uk": [
        "Участь і консультування (обробка моїх даних)",
        "Обробку даних про здоров'я",
        "Передачу даних партнерам мережі (направлення)",
        "Передачу до іншого округу (Kreis)",
        "Анонімізовану статистику",
    ],
    "fa": [
        "شرکت و مشاوره (پردازش داده‌هایم)",
        "پردازش داده‌های سلامت",
        "انتقال داده‌ها به شرکای شبکه (ارجاع)",
        "انتقال به ناحیه (کرایس) دیگر",
        "آمار بی‌نام",
    ],
    "tr": [
        "Katılım ve danışmanlık (verilerimin işlenmesi)",
        "Sağlık verilerinin işlenmesi",
        "Verilerin ağ ortaklarına iletilmesi (yönlendirme)",
        "Başka bir ilçeye (Kreis) aktarım",
        "Anonim istatistikler",
    ],
}

PLAN_LABELS: dict[str, list[str]] = {
    # title, goals, steps, who, by, status, agreed on, next review, signature client, manager
    "de": [
        "Integrationsplan und Zielvereinbarung",
        "Ziele",
        "Schritte",
        "wer",
        "bis",
        "Status",
        "vereinbart am",
        "nächste Überprüfung",
        "Unterschrift Klientin / Klient",
        "Unterschrift Integrationsmanagement",
    ],
    "en": [
        "Integration plan and goal agreement",
        "Goals",
        "Steps",
        "Who",
        "By",
        "Status",
        "Agreed on",
        "Next review",
        "Signature client",
        "Signature integration manager",
    ],
    "ar": [
        "خطة الاندماج واتفاقية الأهداف",
        "الأهداف",
        "الخطوات",
        "من",
        "حتى",
        "الحالة",
        "تاريخ الاتفاق",
        "المراجعة القادمة",
        "توقيع المستفيد",
        "توقيع مدير الاندماج",
    ],
    "uk": [
        "План інтеграції та угода про цілі",
        "Цілі",
        "Кроки",
        "Хто",
        "До",
        "Статус",
        "Узгоджено",
        "Наступний перегляд",
        "Підпис клієнта",
        "Підпис менеджера з інтеграції",
    ],
    "fa": [
        "برنامه ادغام و توافق‌نامه اهداف",
        "اهداف",
        "گام‌ها",
        "چه کسی",
        "تا",
        "وضعیت",
        "تاریخ توافق",
        "بازبینی بعدی",
        "امضای مراجع",
        "امضای مدیر ادغام",
    ],
    "tr": [
        "Entegrasyon planı ve hedef anlaşması",
        "Hedefler",
        "Adımlar",
        "Kim",
        "Son tarih",
        "Durum",
        "Anlaşma tarihi",
        "Sonraki gözden geçirme",
        "Danışan imzası",
        "Entegrasyon yöneticisi imzası",
    ],
}

FIELD_TEXT: dict[str, list[str]] = {
    # the ten plan fields in PlanField order
    "en": [
        "Language",
        "School",
        "Training/studies",
        "Work",
        "Housing",
        "Health",
        "Children/family",
        "Social participation",
        "Residence law/status",
        "Finances/benefits",
    ],
    "ar": [
        "اللغة",
        "المدرسة",
        "التدريب المهني/الدراسة",
        "العمل",
        "السكن",
        "الصحة",
        "الأطفال/الأسرة",
        "المشاركة المجتمعية",
        "حق الإقامة/وضع الإقامة",
        "المالية/المساعدات",
    ],
    "uk": [
        "Мова",
        "Школа",
        "Професійне навчання/навчання у виші",
        "Робота",
        "Житло",
        "Здоров'я",
        "Діти/сім'я",
        "Участь у суспільному житті",
        "Право на перебування/статус",
        "Фінанси/виплати",
    ],
    "fa": [
        "زبان",
        "مدرسه",
        "کارآموزی/تحصیل",
        "کار",
        "مسکن",
        "سلامت",
        "فرزندان/خانواده",
        "مشارکت اجتماعی",
        "حق اقامت/وضعیت اقامت",
        "امور مالی/کمک‌ها",
    ],
    "tr": [
        "Dil",
        "Okul",
        "Mesleki eğitim/üniversite",
        "İş",
        "Konut",
        "Sağlık",
        "Çocuklar/aile",
        "Toplumsal katılım",
        "Oturum hakkı/oturum durumu",
        "Mali konular/yardımlar",
    ],
}

TEXT_FIELD_TEXT: dict[str, list[str]] = {
    # Plan.TEXT_FIELDS order
    "en": [
        "Language skills",
        "School education",
        "Vocational qualifications",
        "Occupation",
        "Interests",
        "Agreements",
    ],
    "ar": [
        "المهارات اللغوية",
        "التعليم المدرسي",
        "المؤهلات المهنية",
        "المهنة/العمل",
        "الاهتمامات",
        "الاتفاقات",
    ],
    "uk": [
        "Знання мов",
        "Шкільна освіта",
        "Професійна кваліфікація",
        "Діяльність/професія",
        "Інтереси",
        "Домовленості",
    ],
    "fa": [
        "مهارت‌های زبانی",
        "تحصیلات مدرسه‌ای",
        "مدارک حرفه‌ای",
        "شغل/حرفه",
        "علایق",
        "توافق‌ها",
    ],
    "tr": [
        "Dil becerileri",
        "Okul eğitimi",
        "Mesleki nitelikler",
        "Meslek/iş",
        "İlgi alanları",
        "Anlaşmalar",
    ],
}

WHO_TEXT: dict[str, list[str]] = {
    "en": ["Client", "Integration management", "Network partner"],
    "ar": ["المستفيد", "إدارة الاندماج", "شريك الشبكة"],
    "uk": ["Клієнт", "Менеджмент інтеграції", "Партнер мережі"],
    "fa": ["مراجع", "مدیریت ادغام", "شریک شبکه"],
    "tr": ["Danışan", "Entegrasyon yönetimi", "Ağ ortağı"],
}
