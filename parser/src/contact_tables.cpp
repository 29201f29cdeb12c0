#include "contact_tables.h"

#include <algorithm>

namespace mailkeeper::parser::detail {

const std::vector<ContactLabel>& contact_labels() {
    static const std::vector<ContactLabel> kLabels = [] {
        std::vector<ContactLabel> rows{
            // Phones whose kind the number decides (a Chinese rep's "Tel:" is often a mobile).
            {"tel", kLabelPhone}, {"tel no", kLabelPhone}, {"tel. no", kLabelPhone}, {"telephone", kLabelPhone},
            {"phone", kLabelPhone}, {"phone no", kLabelPhone}, {"ph", kLabelPhone}, {"t", kLabelPhone},
            {"p", kLabelPhone}, {"fon", kLabelPhone}, {"telefon", kLabelPhone}, {"telefone", kLabelPhone},
            {"tél", kLabelPhone}, {"teléfono", kLabelPhone}, {"telefono", kLabelPhone}, {"contact no", kLabelPhone},
            {"电话", kLabelPhone}, {"联系电话", kLabelPhone}, {"电話", kLabelPhone}, {"tel/whatsapp", kLabelPhone | kLabelWhatsApp},
            // Fixed lines whatever the number says.
            {"office", kLabelOffice}, {"office tel", kLabelOffice}, {"office phone", kLabelOffice},
            {"direct", kLabelOffice}, {"direct line", kLabelOffice}, {"direct dial", kLabelOffice}, {"dir", kLabelOffice},
            {"d", kLabelOffice}, {"o", kLabelOffice}, {"dd", kLabelOffice}, {"ddi", kLabelOffice}, {"landline", kLabelOffice},
            {"work", kLabelOffice}, {"座机", kLabelOffice}, {"办公电话", kLabelOffice}, {"公司电话", kLabelOffice},
            {"固话", kLabelOffice}, {"总机", kLabelOffice},
            // Mobiles. "Cep" is Turkish, "Handy" German, "Celular" Portuguese and Spanish, "HP"
            // Malaysian and Indonesian, "GSM" Turkish and Dutch.
            {"mobile", kLabelMobile}, {"mobile no", kLabelMobile}, {"mobile phone", kLabelMobile},
            {"mob", kLabelMobile}, {"mobil", kLabelMobile}, {"m", kLabelMobile}, {"mp", kLabelMobile},
            {"cell", kLabelMobile}, {"cellphone", kLabelMobile}, {"cell phone", kLabelMobile}, {"cel", kLabelMobile},
            {"celular", kLabelMobile}, {"móvil", kLabelMobile}, {"movil", kLabelMobile},
            {"cellulare", kLabelMobile}, {"handy", kLabelMobile}, {"hp", kLabelMobile}, {"gsm", kLabelMobile},
            {"cep", kLabelMobile}, {"cep tel", kLabelMobile}, {"手机", kLabelMobile}, {"手机号", kLabelMobile},
            {"手机号码", kLabelMobile}, {"移动电话", kLabelMobile}, {"手機", kLabelMobile},
            // Fax.
            {"fax", kLabelFax}, {"fax no", kLabelFax}, {"f", kLabelFax}, {"facsimile", kLabelFax},
            {"telefax", kLabelFax}, {"faks", kLabelFax}, {"传真", kLabelFax}, {"傳真", kLabelFax},
            // Messengers.
            {"whatsapp", kLabelWhatsApp}, {"whats app", kLabelWhatsApp}, {"whatsapp no", kLabelWhatsApp},
            {"what's app", kLabelWhatsApp}, {"wa", kLabelWhatsApp},
            {"wechat", kLabelWeChat}, {"we chat", kLabelWeChat}, {"wechat id", kLabelWeChat}, {"weixin", kLabelWeChat},
            {"wx", kLabelWeChat}, {"微信", kLabelWeChat}, {"微信号", kLabelWeChat},
            {"skype", kLabelSkype}, {"skype id", kLabelSkype},
            {"qq", kLabelQq}, {"qq号", kLabelQq}, {"qq号码", kLabelQq},
            // Mail and web.
            {"email", kLabelEmail}, {"e-mail", kLabelEmail}, {"e mail", kLabelEmail}, {"mail", kLabelEmail},
            {"e", kLabelEmail}, {"correo", kLabelEmail}, {"邮箱", kLabelEmail}, {"电子邮箱", kLabelEmail},
            {"电邮", kLabelEmail}, {"邮件", kLabelEmail}, {"电子邮件", kLabelEmail},
            {"web", kLabelWeb}, {"website", kLabelWeb}, {"web site", kLabelWeb}, {"site", kLabelWeb},
            {"url", kLabelWeb}, {"w", kLabelWeb}, {"homepage", kLabelWeb}, {"网址", kLabelWeb}, {"网站", kLabelWeb},
            {"官网", kLabelWeb}, {"公司网址", kLabelWeb},
            {"linkedin", kLabelLinkedIn}, {"linked in", kLabelLinkedIn},
            // Postal address.
            {"add", kLabelAddress}, {"address", kLabelAddress}, {"addr", kLabelAddress}, {"adr", kLabelAddress},
            {"adresse", kLabelAddress}, {"adres", kLabelAddress}, {"endereço", kLabelAddress},
            {"endereco", kLabelAddress}, {"office address", kLabelAddress}, {"factory address", kLabelAddress},
            {"factory add", kLabelAddress}, {"地址", kLabelAddress}, {"公司地址", kLabelAddress},
            {"工厂地址", kLabelAddress}, {"厂址", kLabelAddress},
            // Name, title and company when a signature spells them out (common in Chinese ones).
            {"name", kLabelName}, {"姓名", kLabelName}, {"联系人", kLabelName}, {"contact person", kLabelName},
            {"title", kLabelTitle}, {"position", kLabelTitle}, {"job title", kLabelTitle}, {"职位", kLabelTitle},
            {"职务", kLabelTitle},
            {"company", kLabelCompany}, {"company name", kLabelCompany}, {"公司", kLabelCompany},
            {"公司名称", kLabelCompany}, {"单位", kLabelCompany}, {"firma", kLabelCompany},
            // Not contact details; recognised so that their numbers are not read as phones.
            {"vat", kLabelIgnored}, {"vat no", kLabelIgnored}, {"tax id", kLabelIgnored}, {"tax no", kLabelIgnored},
            {"ust-idnr", kLabelIgnored}, {"ust-id", kLabelIgnored}, {"steuernummer", kLabelIgnored},
            {"st.-nr", kLabelIgnored}, {"hrb", kLabelIgnored}, {"registergericht", kLabelIgnored},
            {"amtsgericht", kLabelIgnored}, {"geschäftsführer", kLabelIgnored}, {"geschäftsführung", kLabelIgnored},
            {"sitz", kLabelIgnored}, {"iban", kLabelIgnored}, {"swift", kLabelIgnored}, {"bic", kLabelIgnored},
            {"bank", kLabelIgnored}, {"account", kLabelIgnored}, {"account no", kLabelIgnored},
            {"cnpj", kLabelIgnored}, {"cpf", kLabelIgnored}, {"gstin", kLabelIgnored}, {"gst", kLabelIgnored},
            {"pan", kLabelIgnored}, {"cin", kLabelIgnored}, {"vergi no", kLabelIgnored}, {"mersis", kLabelIgnored},
            {"facebook", kLabelIgnored}, {"fb", kLabelIgnored}, {"instagram", kLabelIgnored},
            {"twitter", kLabelIgnored}, {"youtube", kLabelIgnored}, {"tiktok", kLabelIgnored},
            {"alibaba", kLabelIgnored}, {"trade manager", kLabelIgnored}, {"税号", kLabelIgnored},
            {"开户行", kLabelIgnored}, {"账号", kLabelIgnored}, {"银行", kLabelIgnored},
        };
        std::stable_sort(rows.begin(), rows.end(),
                         [](const ContactLabel& a, const ContactLabel& b) { return a.text.size() > b.text.size(); });
        return rows;
    }();
    return kLabels;
}

const std::vector<std::string_view>& closing_phrases() {
    static const std::vector<std::string_view> kRows{
        "best regards", "kind regards", "warm regards", "warmest regards", "best wishes", "regards",
        "with best regards", "with kind regards", "many thanks", "thanks", "thank you", "thanks and regards",
        "thanks & regards", "thanks and best regards", "thanks & best regards", "thanks & rgds", "best",
        "cheers", "sincerely", "yours sincerely", "sincerely yours", "yours faithfully", "yours truly",
        "br", "b.rgds", "brgds", "rgds", "best rgds", "cordially", "respectfully",
        "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "viele grüße", "beste grüße",
        "mfg", "saygılarımla", "saygilarimla", "iyi çalışmalar", "atenciosamente", "abraços", "att",
        "cordialement", "saludos", "un saludo", "saludos cordiales", "cordiali saluti", "met vriendelijke groet",
        "此致", "敬礼", "此致敬礼", "此致 敬礼", "顺祝商祺", "顺颂商祺", "顺祝", "商祺", "祝商祺", "即颂商祺",
        "顺颂时祺", "祝好", "谢谢", "多谢", "感谢", "祝工作顺利", "祝您工作顺利", "期待您的回复", "此致，敬礼",
        "顺祝商琪", "顺颂商琪", "thanks again", "thanks a lot", "thx", "tks", "tia", "with thanks", "take care",
        "all the best", "your pal", "talk soon", "many thanks & best regards", "致礼",
    };
    return kRows;
}

const std::vector<std::string_view>& skipped_line_starts() {
    static const std::vector<std::string_view> kRows{
        "sent from my", "get outlook for", "sent from mail for", "发自我的", "来自我的", "confidentiality",
        "this email and any", "this e-mail and any", "this message and any", "disclaimer", "本邮件", "please consider the environment",
    };
    return kRows;
}

const std::vector<std::string_view>& title_words() {
    static const std::vector<std::string_view> kRows{
        "manager", "director", "sales", "purchasing", "purchase", "purchaser", "procurement", "buyer", "ceo", "cfo",
        "coo", "cto", "cmo", "vp", "svp", "evp", "president", "owner", "founder", "cofounder", "co-founder",
        "engineer", "executive", "representative", "rep", "assistant", "officer", "head", "supervisor",
        "coordinator", "specialist", "consultant", "merchandiser", "merchandising", "agent", "chairman", "gm",
        "export", "import", "marketing", "sourcing", "logistics", "qc", "qa", "quality", "designer", "secretary",
        "accountant", "clerk", "managing", "partner", "team", "department", "dept", "trader", "leader",
        "administrator", "analyst", "technician", "intern", "geschäftsführer", "geschäftsführerin", "vertrieb",
        "einkauf", "einkäufer", "einkäuferin", "leiter", "leiterin", "verkauf", "prokurist", "inhaber",
        "inhaberin", "müdür", "müdürü", "satış", "satın", "uzmanı", "gerente", "diretor", "diretora", "compras",
        "vendas", "comprador", "compradora", "jefe", "ventas", "responsable", "responsabile", "acquisti", "ufficio", "commerciale", "directeur", "acheteur", "commercial",
        "operations", "procurement", "account", "accounts", "vice", "chief", "senior", "sr", "general", "lead",
        "associate", "counsel", "attorney", "resources", "division", "management", "planning", "services",
        "support", "recruiter",
    };
    return kRows;
}

const std::vector<std::string_view>& han_title_words() {
    static const std::vector<std::string_view> kRows{
        "经理", "总监", "主管", "业务员", "采购", "销售", "总经理", "董事长", "总裁", "副总", "主任", "工程师", "助理",
        "专员", "外贸", "跟单", "业务", "部长", "厂长", "老板", "会计", "出纳", "文员", "代表", "顾问", "董事",
        "负责人", "经理人", "部",
    };
    return kRows;
}

const std::vector<LegalForm>& legal_forms() {
    static const std::vector<LegalForm> kRows{
        {"ltd", false}, {"limited", false}, {"inc", false}, {"incorporated", false}, {"llc", false},
        {"llp", false}, {"gmbh", false}, {"co", false}, {"corp", false}, {"corporation", false},
        {"company", false}, {"plc", false}, {"pty", false}, {"bv", false}, {"srl", false}, {"spa", true},
        {"sarl", false}, {"sas", true}, {"sa", true}, {"sl", true}, {"slu", true}, {"nv", true}, {"ag", true},
        {"kg", true}, {"ohg", true}, {"ug", true}, {"ltda", false}, {"eireli", false}, {"me", true},
        {"aş", false}, {"aŞ", false}, {"pvt", false}, {"sdn", false}, {"bhd", false}, {"pte", false},
        {"kk", true}, {"oy", true}, {"ab", true}, {"as", true}, {"sro", false}, {"spzoo", false}, {"kft", false},
        {"group", false}, {"gruppe", false}, {"holding", false}, {"tic", false},
    };
    return kRows;
}

const std::vector<std::string_view>& han_company_words() {
    static const std::vector<std::string_view> kRows{
        "有限公司", "有限责任公司", "股份有限公司", "公司", "集团", "工厂", "厂", "商行", "经营部", "贸易行",
    };
    return kRows;
}

const std::vector<std::string_view>& street_words() {
    static const std::vector<std::string_view> kRows{
        "road", "rd", "street", "st", "avenue", "ave", "av", "blvd", "boulevard", "lane", "ln", "drive", "way",
        "highway", "hwy", "building", "bldg", "floor", "fl", "suite", "ste", "room", "rm", "unit", "block", "blk",
        "square", "sq", "industrial", "zone", "district", "county", "province", "plaza", "tower", "center", "centre", "no", "box",
        "str", "straße", "strasse", "weg", "platz", "allee", "rua", "avenida", "travessa", "estrada", "rodovia",
        "cad", "caddesi", "cd", "sok", "sokak", "sk", "mah", "mahallesi", "bulvarı", "blv", "osb", "marg", "nagar",
        "sector", "plot", "phase", "chowk", "colony", "park", "estate", "town", "village", "via", "calle",
    };
    return kRows;
}

const std::vector<std::string_view>& street_endings() {
    static const std::vector<std::string_view> kRows{"straße", "strasse", "str", "weg", "platz", "allee", "gasse", "damm"};
    return kRows;
}

const std::vector<std::string_view>& han_address_words() {
    static const std::vector<std::string_view> kRows{
        "省", "市", "区", "县", "镇", "乡", "村", "路", "街", "道", "号", "楼", "室", "大厦", "园", "层", "弄", "巷", "栋",
    };
    return kRows;
}

const std::vector<CountryName>& country_names() {
    static const std::vector<CountryName> kRows{
        {"china", "CN"}, {"pr china", "CN"}, {"prchina", "CN"}, {"p r china", "CN"}, {"prc", "CN"}, {"中国", "CN"},
        {"usa", "US"}, {"us", "US"}, {"united states", "US"}, {"united states of america", "US"},
        {"uk", "GB"}, {"united kingdom", "GB"}, {"england", "GB"}, {"great britain", "GB"}, {"scotland", "GB"},
        {"germany", "DE"}, {"deutschland", "DE"}, {"india", "IN"}, {"brazil", "BR"}, {"brasil", "BR"},
        {"turkey", "TR"}, {"türkiye", "TR"}, {"turkiye", "TR"}, {"italy", "IT"}, {"italia", "IT"},
        {"spain", "ES"}, {"españa", "ES"}, {"france", "FR"}, {"netherlands", "NL"}, {"the netherlands", "NL"},
        {"poland", "PL"}, {"russia", "RU"}, {"japan", "JP"}, {"korea", "KR"}, {"south korea", "KR"},
        {"vietnam", "VN"}, {"viet nam", "VN"}, {"thailand", "TH"}, {"uae", "AE"}, {"united arab emirates", "AE"},
        {"saudi arabia", "SA"}, {"mexico", "MX"}, {"méxico", "MX"}, {"canada", "CA"}, {"australia", "AU"},
        {"hong kong", "HK"}, {"taiwan", "TW"}, {"singapore", "SG"}, {"malaysia", "MY"}, {"indonesia", "ID"},
        {"pakistan", "PK"}, {"bangladesh", "BD"}, {"egypt", "EG"}, {"nigeria", "NG"}, {"south africa", "ZA"},
        {"chile", "CL"}, {"peru", "PE"}, {"colombia", "CO"}, {"argentina", "AR"}, {"austria", "AT"},
        {"switzerland", "CH"}, {"belgium", "BE"}, {"sweden", "SE"}, {"denmark", "DK"}, {"norway", "NO"},
        {"finland", "FI"}, {"portugal", "PT"}, {"greece", "GR"}, {"israel", "IL"}, {"iran", "IR"},
        {"philippines", "PH"}, {"new zealand", "NZ"}, {"ireland", "IE"}, {"czech republic", "CZ"},
        {"美国", "US"}, {"英国", "GB"}, {"德国", "DE"}, {"印度", "IN"}, {"巴西", "BR"}, {"土耳其", "TR"},
    };
    return kRows;
}

const std::vector<std::string_view>& han_surnames() {
    // The two-character ones first: 欧阳 must not be read as 欧 + a given name.
    static const std::vector<std::string_view> kRows{
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "端木", "夏侯", "尉迟", "公孙", "长孙", "宇文",
        "司徒", "南宫",
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
        "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
        "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
        "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "傅", "方", "白", "邹", "孟", "熊",
        "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚",
        "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "常", "温", "康", "施", "文", "牛", "樊",
        "葛", "邢", "安", "齐", "易", "乔", "伍", "庞", "颜", "倪", "庄", "聂", "章", "鲁", "岳", "翟", "殷", "詹",
        "申", "欧", "耿", "关", "兰", "焦", "俞", "左", "柳", "甘", "祝", "包", "宁", "尚", "符", "舒", "阮", "柯",
        "纪", "梅", "童", "凌", "毕", "单", "季", "裴", "霍", "涂", "成", "苗", "谷", "盛", "曲", "翁", "冉", "骆",
        "蓝", "路", "游", "辛", "靳", "管", "柴", "蒙", "鲍", "华", "喻", "祁", "蒲", "房", "滕", "屈", "饶", "解",
        "牟", "艾", "尤", "阳", "时", "穆", "农", "司", "卓", "古", "吉", "缪", "简", "车", "项", "连", "芦", "麦",
        "褚", "娄", "窦", "戚", "岑", "景", "党", "宫", "费", "卜", "冷", "晏", "席", "卫", "米", "柏", "宗", "瞿",
        "桂", "全", "佟", "应", "臧", "闵", "苟", "邬", "边", "卞", "姬", "师", "和", "仇", "栾", "隋", "商", "刁",
        "沙", "荣", "巫", "寇", "桑", "郎", "甄", "丛", "仲", "虞", "敖", "巩", "明", "佘", "池", "查", "麻", "苑",
        "迟", "邝", "官", "封", "谈", "匡", "鞠", "惠", "荆", "乐", "冀", "郁", "胥", "南", "班", "储", "原", "栗",
        "燕", "楚", "鄢", "劳", "谌", "奚", "皮", "粟", "冼", "蔺", "楼", "盘", "满", "闻", "位", "厉", "伊", "仝",
        "区", "郜", "海", "阚", "花", "权", "强", "帅", "屠", "豆", "朴", "盖", "练", "廉", "禹", "井", "祖", "漆",
        "巴", "丰", "支", "卿", "国", "狄", "平", "计", "索", "宣", "晋", "相", "初", "门", "云", "容", "敬", "来",
        "扈", "晁", "芮", "都", "普", "阙", "浦", "戈", "伏", "鹿", "薄", "邸", "雍", "辜", "羊", "阿", "乌", "母",
        "裘", "亓", "修", "邰", "赫", "杭", "况", "那", "宿", "鲜", "印", "逯", "隆", "茹", "诸", "战", "慕", "危",
        "玉", "银", "亢", "嵇", "公", "哈", "湛", "宾", "戎", "勾", "茅", "利", "於", "呼", "居", "揭", "干", "但",
        "尉", "冶", "斯", "元", "束", "檀", "衣", "信", "展", "阴", "昝", "智", "幸", "奉", "植", "衡", "富", "尧",
        "闭", "由", "鄭", "陳", "張", "劉", "楊", "黃", "趙", "吳", "孫", "許", "謝", "馮", "鄧", "蔣", "蘇", "魏",
    };
    return kRows;
}

const std::vector<std::string_view>& han_non_names() {
    static const std::vector<std::string_view> kRows{
        "中国", "上海", "北京", "广州", "深圳", "宁波", "杭州", "义乌", "温州", "苏州", "天津", "厦门", "青岛", "东莞",
        "佛山", "香港", "台湾", "浙江", "广东", "江苏", "福建", "山东", "江南", "宁海", "余姚", "慈溪", "常州", "无锡",
        "南京", "武汉", "成都", "重庆", "长沙", "郑州", "石家庄", "台州", "金华", "绍兴", "嘉兴", "湖州", "泉州",
        "中山", "江门", "汕头", "潮州", "明天", "今天", "公司", "工厂", "总部",
    };
    return kRows;
}

const std::vector<std::string_view>& name_particles() {
    static const std::vector<std::string_view> kRows{
        "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "binti", "al", "el", "dos", "das", "del",
        "y", "ter", "ten",
    };
    return kRows;
}

const std::vector<std::string_view>& generic_cctlds() {
    static const std::vector<std::string_view> kRows{
        "io", "co", "me", "tv", "ai", "ly", "fm", "cc", "ws", "to", "la", "gg", "sh", "ac", "eu", "su", "nu", "vc",
        "ms", "app", "im", "is", "gs", "tk", "ml", "ga", "cf", "gq",
    };
    return kRows;
}

const std::vector<std::string_view>& social_hosts() {
    static const std::vector<std::string_view> kRows{
        "facebook.com", "fb.com", "fb.me", "twitter.com", "x.com", "instagram.com", "youtube.com", "youtu.be",
        "tiktok.com", "weibo.com", "t.me", "pinterest.com", "vk.com", "wa.me", "whatsapp.com", "skype.com",
        "linkedin.com",
    };
    return kRows;
}

}  // namespace mailkeeper::parser::detail
